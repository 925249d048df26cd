/** A still mouse cursor fades after this long: long enough to point at something while talking about it. */
export const MOUSE_CURSOR_SHOWN_MS = 3_000
/**
 * A finger or pen leaves no cursor behind when lifted; its last point is
 * only where the tap was, so it fades sooner and never stays on a note.
 */
export const TOUCH_CURSOR_SHOWN_MS = 1_200

export type PointerKind = 'mouse' | 'touch'

export interface CursorVisibility {
  shown: boolean
  /** When the answer changes next without new activity, in ms from now; null when it never does. */
  changesInMs: number | null
}

/**
 * Whether a collaborator's cursor and name label are shown, from when their
 * pointer last moved (on our clock; 0 = not since we met them).
 */
export function cursorVisibility(now: number, lastMovedAt: number, pointer: PointerKind): CursorVisibility {
  if (lastMovedAt <= 0) return { shown: false, changesInMs: null }
  const shownMs = pointer === 'touch' ? TOUCH_CURSOR_SHOWN_MS : MOUSE_CURSOR_SHOWN_MS
  const left = lastMovedAt + shownMs - now
  return left > 0 ? { shown: true, changesInMs: left } : { shown: false, changesInMs: null }
}
