import type { TLInstancePresence } from 'tldraw'

type PointerView = Pick<TLInstancePresence, 'cursor' | 'camera'>

/** Less than a pixel on the sender's screen is rounding, not a hand moving. */
const MOVE_THRESHOLD_PX = 0.5

/**
 * Whether the sender's pointer moved on their screen between two of their
 * presence states. Page coordinates alone would count a camera moved under
 * a resting pointer (a spotlight moving everyone's view), and tldraw's
 * activity stamp counts typing too, which would keep a label on the note
 * being typed into.
 */
export function pointerMoved(previous: PointerView, next: PointerView): boolean {
  if (!previous.cursor || !next.cursor) return false
  const [ax, ay] = onScreen(previous.cursor, previous.camera)
  const [bx, by] = onScreen(next.cursor, next.camera)
  return Math.abs(ax - bx) > MOVE_THRESHOLD_PX || Math.abs(ay - by) > MOVE_THRESHOLD_PX
}

/** tldraw's page-to-screen mapping, without the editor's offset on the page, which stays put while the pointer rests. */
function onScreen(cursor: NonNullable<PointerView['cursor']>, camera: PointerView['camera']): [number, number] {
  if (!camera) return [cursor.x, cursor.y]
  return [(cursor.x + camera.x) * camera.z, (cursor.y + camera.y) * camera.z]
}

/**
 * When a peer's pointer last moved, on this device's clock: the sender's
 * own stamp is on their clock, and a phone's can be minutes off ours. A
 * peer we meet already present counts as not yet moved (0, tldraw's
 * "never"), so an idle cursor does not flash up for everyone who joins.
 */
export function localActivityTime(previous: { view: PointerView; localTime: number } | undefined, next: PointerView, now: number): number {
  if (previous === undefined) return 0
  return pointerMoved(previous.view, next) ? now : previous.localTime
}
