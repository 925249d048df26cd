import { readNoteAuthorId } from '../../../shared/noteMeta.ts'
import { readProfileShape } from '../../../shared/profileShapes.ts'

/** What arrival needs to know of a shape; tldraw's shapes fit, and so do plain test records. */
export interface ArrivalShape<Id extends string = string> {
  readonly id: Id
  readonly type: string
  readonly parentId: string
  readonly meta: unknown
}

export interface ArrivalPerson {
  /** This person's id on the event (workshop:me), or null while it is not known. */
  readonly me: string | null
  /**
   * On a group board the notes copied from the open board keep their authors,
   * so the frame holding most of mine is where my work continues. On the open
   * board itself the facilitator clusters everyone's notes: there the whole
   * board is the better start.
   */
  readonly myNotesMarkMyFrame: boolean
}

/** Where the camera goes when someone arrives: their own frame, all content, or nowhere (an empty board). */
export type ArrivalTarget<Id extends string = string> = { kind: 'own-frame'; frameId: Id } | { kind: 'content' } | null

/**
 * Chooses the arrival view from the current page's shapes. A frame drawn from
 * my profile card (a speed-dating table, my pitch frame) is mine; on a group
 * board, so is the outermost frame holding most of my notes.
 */
export function chooseArrivalTarget<Id extends string>(shapes: readonly ArrivalShape<Id>[], person: ArrivalPerson): ArrivalTarget<Id> {
  if (shapes.length === 0) return null
  const { me } = person
  if (me === null) return { kind: 'content' }
  const profileFrame = shapes.find((shape) => shape.type === 'frame' && readProfileShape(shape.meta)?.personId === me)
  if (profileFrame) return { kind: 'own-frame', frameId: profileFrame.id }
  if (person.myNotesMarkMyFrame) {
    const notesFrame = frameWithMostNotesOf(shapes, me)
    if (notesFrame) return { kind: 'own-frame', frameId: notesFrame }
  }
  return { kind: 'content' }
}

function frameWithMostNotesOf<Id extends string>(shapes: readonly ArrivalShape<Id>[], me: string): Id | null {
  const byId = new Map<string, ArrivalShape<Id>>(shapes.map((shape) => [shape.id, shape]))
  const counts = new Map<Id, number>()
  for (const note of shapes) {
    if (note.type !== 'note' || readNoteAuthorId(note.meta) !== me) continue
    const frame = outermostFrame(note, byId)
    if (frame) counts.set(frame, (counts.get(frame) ?? 0) + 1)
  }
  let best: Id | null = null
  for (const [frame, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = frame
  return best
}

function outermostFrame<Id extends string>(shape: ArrivalShape<Id>, byId: ReadonlyMap<string, ArrivalShape<Id>>): Id | null {
  let outermost: Id | null = null
  const seen = new Set<string>()
  // A document from the network may loop its parents; each shape is passed once.
  for (let parent = byId.get(shape.parentId); parent && !seen.has(parent.id); parent = byId.get(parent.parentId)) {
    seen.add(parent.id)
    if (parent.type === 'frame') outermost = parent.id
  }
  return outermost
}
