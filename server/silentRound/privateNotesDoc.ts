import type * as Y from 'yjs'
import { isBoardId } from '../../shared/boardId.ts'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { isShapeRecord } from '../boards/shapeRecords.ts'

/**
 * A person's private notes of a board are a document of their own, stored
 * like a board's under this key. Board ids never contain a colon, so a key
 * cannot be mistaken for a board, and no HTTP route or sync path accepts one.
 */
const PREFIX = 'private:'

export interface PrivateNotesOwner {
  boardId: string
  personId: string
}

export function privateNotesDocId(boardId: string, personId: string): string {
  return `${privateNotesPrefix(boardId)}${personId}`
}

/** What the ids of every private notes document of the board start with. */
export function privateNotesPrefix(boardId: string): string {
  return `${PREFIX}${boardId}:`
}

export function parsePrivateNotesDocId(docId: string): PrivateNotesOwner | null {
  if (!docId.startsWith(PREFIX)) return null
  const rest = docId.slice(PREFIX.length)
  const colon = rest.indexOf(':')
  if (colon < 0) return null
  const boardId = rest.slice(0, colon)
  const personId = rest.slice(colon + 1)
  return isBoardId(boardId) && personId.length > 0 ? { boardId, personId } : null
}

export function countPrivateNotes(doc: Y.Doc): number {
  let count = 0
  for (const record of readBoardRecords(doc).values()) {
    if (isShapeRecord(record) && record.type === 'note') count += 1
  }
  return count
}
