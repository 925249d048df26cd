import { isBoardId } from '../../shared/boardId.ts'
import { PRIVATE_NOTES_ROOM_SUFFIX } from '../../shared/privateNotes.ts'

/** What a `/yjs/...` path asks for: a board, or the sender's own private notes of a board. */
export interface SyncTarget {
  boardId: string
  privateNotes: boolean
}

export function parseSyncPath(pathname: string): SyncTarget | null {
  const room = pathname.slice('/yjs/'.length)
  const privateNotes = room.endsWith(PRIVATE_NOTES_ROOM_SUFFIX)
  const boardId = privateNotes ? room.slice(0, -PRIVATE_NOTES_ROOM_SUFFIX.length) : room
  return isBoardId(boardId) ? { boardId, privateNotes } : null
}
