/**
 * Keys in the tldraw `meta` of shapes the server draws from a person's
 * profile card (pair boards, pitch frames), so that person's name and card
 * can be taken off the boards again when their data is removed.
 */
export const PROFILE_META_PERSON = 'profileOf'
export const PROFILE_META_FIELD = 'profileField'

/** A shape shows the person's name (replaced by "Teilnehmer:in") or other card details (emptied). */
export type ProfileField = 'name' | 'details'

export interface ProfileShapeMeta {
  [PROFILE_META_PERSON]: string
  [PROFILE_META_FIELD]: ProfileField
}

export function profileShapeMeta(personId: string, field: ProfileField): ProfileShapeMeta {
  return { [PROFILE_META_PERSON]: personId, [PROFILE_META_FIELD]: field }
}

/** Whose card a shape shows and what of it, or null for any other shape. */
export function readProfileShape(meta: unknown): { personId: string; field: ProfileField } | null {
  if (typeof meta !== 'object' || meta === null) return null
  const personId: unknown = (meta as Record<string, unknown>)[PROFILE_META_PERSON]
  const field: unknown = (meta as Record<string, unknown>)[PROFILE_META_FIELD]
  if (typeof personId !== 'string' || (field !== 'name' && field !== 'details')) return null
  return { personId, field }
}
