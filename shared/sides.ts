import type { TLDefaultColorStyle } from '@tldraw/tlschema'
import { z } from 'zod'

/** The three sides of a cross-innovation event; every participant picks one when joining. */
export const SIDES = ['kreative', 'unternehmen', 'institution'] as const
export const sideSchema = z.enum(SIDES)
export type Side = z.infer<typeof sideSchema>

export interface SideInfo {
  /** The tldraw colour of this side's sticky notes. */
  readonly color: TLDefaultColorStyle
  /**
   * Shown next to the colour everywhere (legend, report, roster), so nothing
   * depends on colour alone. The same letter in both languages: a mixed room
   * reads one board, and "Creatives" and "Companies" would share a "C".
   */
  readonly letter: 'K' | 'U' | 'I'
  readonly label: { readonly de: string; readonly en: string }
}

export const SIDE_INFO: Readonly<Record<Side, SideInfo>> = {
  kreative: { color: 'violet', letter: 'K', label: { de: 'Kreative', en: 'Creatives' } },
  unternehmen: { color: 'blue', letter: 'U', label: { de: 'Unternehmen', en: 'Companies' } },
  institution: { color: 'green', letter: 'I', label: { de: 'Institution', en: 'Institutions' } },
}

export function isSide(value: unknown): value is Side {
  return typeof value === 'string' && (SIDES as readonly string[]).includes(value)
}
