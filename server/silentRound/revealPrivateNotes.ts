import { getIndexAbove } from '@tldraw/utils'
import type * as Y from 'yjs'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import { NOTE_META_AUTHOR_ID, NOTE_META_AUTHOR_NAME, NOTE_META_AUTHOR_SIDE, readNoteAuthorSide } from '../../shared/noteMeta.ts'
import { SIDE_INFO, type Side } from '../../shared/sides.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import { highestIndex, isShapeRecord, type ShapeRecord } from '../boards/shapeRecords.ts'
import { checkRecords } from '../boards/tldrawRecords.ts'
import type { Logger } from '../logger.ts'
import { privateNotesDocId } from './privateNotesDoc.ts'

export interface NoteAuthor {
  personId: string
  /** From the person's profile; null when they never filled one in. */
  name: string | null
  side: Side | null
}

interface TakenNotes {
  author: NoteAuthor
  notes: ShapeRecord[]
}

/**
 * Moves the private notes of these authors onto the board: all of them in
 * one board transaction (one update, one change in the history), each where
 * its author placed it, with the author's id, side and name. Only then are
 * they removed from the private documents, so a crash in between leaves
 * them on the board and still private; a second reveal skips notes already
 * there, by id. Resolves to the number of notes placed.
 */
export async function revealPrivateNotes(
  documents: BoardDocuments,
  boardId: string,
  authors: readonly NoteAuthor[],
  logger: Logger,
): Promise<number> {
  const taken: TakenNotes[] = []
  for (const author of authors) {
    const notes = await readPrivateNotes(documents, boardId, author, logger)
    if (notes.length > 0) taken.push({ author, notes })
  }
  if (taken.length === 0) return 0
  let placed = 0
  await documents.change(boardId, (doc) => {
    const revealed = placeOnBoard(doc, taken)
    placed = revealed.length
    writeBoardRecords(doc, { set: revealed })
  })
  for (const { author, notes } of taken) {
    await documents.change(privateNotesDocId(boardId, author.personId), (doc) =>
      writeBoardRecords(doc, { delete: notes.map((note) => note.id) }),
    )
  }
  return placed
}

/** The author's document is written by their own client, so its records are checked like an import. */
async function readPrivateNotes(documents: BoardDocuments, boardId: string, author: NoteAuthor, logger: Logger): Promise<ShapeRecord[]> {
  const content = await documents.read(privateNotesDocId(boardId, author.personId))
  const checked = checkRecords(content.schema, content.records)
  if (!checked.ok) {
    logger.warn({ boardId, error: checked.error }, 'private notes could not be read; they stay with their author')
    return []
  }
  return checked.records.filter((record): record is ShapeRecord & typeof record => isShapeRecord(record) && record.type === 'note')
}

function placeOnBoard(doc: Y.Doc, taken: readonly TakenNotes[]): ShapeRecord[] {
  const existing = readBoardRecords(doc)
  const shapes = Array.from(existing.values()).filter(isShapeRecord)
  const firstPage = Array.from(existing.keys()).find((id) => id.startsWith('page:')) ?? 'page:page'
  let index = highestIndex(shapes)
  const revealed: ShapeRecord[] = []
  for (const { author, notes } of taken) {
    for (const note of notes) {
      if (existing.has(note.id)) continue
      // Fresh indices above everything: keys from another document may collide with the board's own.
      index = getIndexAbove(index)
      const side = author.side ?? readNoteAuthorSide(note.meta)
      revealed.push({
        ...note,
        // A note written inside a frame lands there; if the frame is gone, on the page at the same spot.
        parentId: existing.has(note.parentId) ? note.parentId : firstPage,
        index,
        props: side ? { ...note.props, color: SIDE_INFO[side].color } : note.props,
        meta: {
          ...(note.meta as Record<string, unknown>),
          [NOTE_META_AUTHOR_ID]: author.personId,
          ...(side ? { [NOTE_META_AUTHOR_SIDE]: side } : {}),
          ...(author.name ? { [NOTE_META_AUTHOR_NAME]: author.name } : {}),
        },
      })
    }
  }
  return revealed
}
