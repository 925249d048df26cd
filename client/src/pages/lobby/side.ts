import type { TLUserPreferences } from 'tldraw'
import { isSide, type Side } from '../../../../shared/sides.ts'

/** The side is kept beside tldraw's own preferences, which carry no such field. */
export function readSide(preferences: TLUserPreferences): Side | null {
  const side: unknown = (preferences as TLUserPreferences & { side?: unknown }).side
  return isSide(side) ? side : null
}

export function withSide(preferences: TLUserPreferences, side: Side): TLUserPreferences {
  return { ...preferences, side } as TLUserPreferences
}
