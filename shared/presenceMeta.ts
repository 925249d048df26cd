import { z } from 'zod'

/**
 * What we add to tldraw's presence record (its free-form `meta`), as it
 * travels in Yjs awareness under the `presence` field. The server reads the
 * facilitator mark to refuse it from anyone who may not facilitate; the
 * other clients read both to draw a cursor.
 */
export const PRESENCE_FIELD = 'presence'

export const presenceMetaSchema = z.object({
  /** Touch or pen, as tldraw decides from the last pointer-down: such a pointer only exists while a finger is on the screen. */
  coarsePointer: z.boolean(),
  /** Shown as a small mark at the cursor, so the name label can stay just the name. */
  facilitator: z.boolean(),
})
export type PresenceMeta = z.infer<typeof presenceMetaSchema>

const NO_META: PresenceMeta = { coarsePointer: false, facilitator: false }

/** Lenient: an older client sends an empty meta, and that must still draw a plain cursor. */
export function readPresenceMeta(meta: unknown): PresenceMeta {
  const parsed = presenceMetaSchema.safeParse(meta)
  return parsed.success ? parsed.data : NO_META
}

/** Whether an awareness state (as sent, parsed from JSON) marks its sender as a facilitator. */
export function claimsFacilitator(state: unknown): boolean {
  if (typeof state !== 'object' || state === null) return false
  const presence: unknown = (state as Record<string, unknown>)[PRESENCE_FIELD]
  if (typeof presence !== 'object' || presence === null) return false
  return readPresenceMeta((presence as Record<string, unknown>).meta).facilitator
}
