import { isSide, type Side } from './sides.ts'

/**
 * Keys in a sticky note's tldraw `meta` that say who wrote it. The client sets
 * them when a note is created; the results report reads them back from the
 * board document, which any participant can write to, so reading is lenient.
 */
export const NOTE_META_AUTHOR_ID = 'authorId'
export const NOTE_META_AUTHOR_SIDE = 'authorSide'
/** Set by the server when it reveals a silent round's note, from the author's profile. */
export const NOTE_META_AUTHOR_NAME = 'authorName'

/** The author a note keeps once its writer's personal data is removed: the text stays, the person does not. */
export const ANONYMOUS_NOTE_AUTHOR = 'Teilnehmer:in'

export interface NoteAuthor {
  readonly authorId: string
  readonly authorSide: Side
}

/** The `meta` of a new note by `author`, to be spread into the note's existing meta. */
export function noteAuthorMeta(author: NoteAuthor): { [NOTE_META_AUTHOR_ID]: string; [NOTE_META_AUTHOR_SIDE]: Side } {
  return { [NOTE_META_AUTHOR_ID]: author.authorId, [NOTE_META_AUTHOR_SIDE]: author.authorSide }
}

/** The author's person id from a shape's `meta`, or null when it is missing (an imported note, say). */
export function readNoteAuthorId(meta: unknown): string | null {
  if (typeof meta !== 'object' || meta === null) return null
  const author: unknown = (meta as Record<string, unknown>)[NOTE_META_AUTHOR_ID]
  return typeof author === 'string' && author.length > 0 ? author : null
}

/** The author's side from a shape's `meta`, or null when it is missing or not one of ours. */
export function readNoteAuthorSide(meta: unknown): Side | null {
  if (typeof meta !== 'object' || meta === null) return null
  const side: unknown = (meta as Record<string, unknown>)[NOTE_META_AUTHOR_SIDE]
  return isSide(side) ? side : null
}
