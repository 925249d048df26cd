import type { TLRecord } from 'tldraw'
import * as Y from 'yjs'
import { readBoardRecords } from '../../../shared/boardDocument.ts'
import { privateNotesRoom } from '../../../shared/privateNotes.ts'
import { BoardConnection } from './BoardConnection.ts'
import type { OpenBoard } from './openBoard.ts'
import { YjsStoreBinding } from './YjsStoreBinding.ts'

/**
 * Joins this person's private notes of a board to the board's store: kept on
 * this device (their own IndexedDB database) and synced over their own room,
 * so a note written offline in a silent round stays private when it syncs.
 * Returns the function that closes them again.
 */
export function openPrivateNotes(board: OpenBoard, boardId: string, token: string | null): () => void {
  const doc = new Y.Doc()
  const connection = new BoardConnection(privateNotesRoom(boardId), doc, { token })
  let binding: YjsStoreBinding | null = null
  let closed = false
  connection.whenLocalLoaded().then(
    () => {
      if (closed) return
      binding = new YjsStoreBinding(board.store, doc, board.routing.privateSide)
      board.routing.attachPrivateNotes(binding)
    },
    (error: unknown) => console.warn('Ideenschmiede: private notes could not be loaded from this device', error),
  )
  return () => {
    closed = true
    board.routing.attachPrivateNotes(null)
    binding?.destroy()
    // What is still private leaves the canvas with the round; the board keeps what was revealed.
    const leftover = Array.from(readBoardRecords(doc).keys()).filter((id) => !board.routing.boardHolds(id)) as TLRecord['id'][]
    if (leftover.length > 0) board.store.mergeRemoteChanges(() => board.store.remove(leftover))
    connection.destroy()
    doc.destroy()
  }
}

