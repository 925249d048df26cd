import * as Y from 'yjs'
import { BoardConnection } from './BoardConnection.ts'

interface EarlyConnection {
  boardId: string
  token: string | null
  doc: Y.Doc
  connection: BoardConnection
}

let early: EarlyConnection | null = null
let claimed = false

/**
 * Starts a board's connection (this device's copy in IndexedDB, the server's
 * over the WebSocket) while the board's code, tldraw, is still loading: its
 * module needs only Yjs and our signals, so the first sync runs beside the
 * big download instead of after it. openBoard takes it over.
 */
export function startBoardConnection(boardId: string, token: string | null): void {
  // Too late once openBoard has asked: it opened its own.
  if (claimed || early) return
  const doc = new Y.Doc()
  early = { boardId, token, doc, connection: new BoardConnection(boardId, doc, { token }) }
}

/** The connection started early for this board and token, if there is one; asked once, by the first openBoard. */
export function takeBoardConnection(boardId: string, token: string | null): { doc: Y.Doc; connection: BoardConnection } | null {
  claimed = true
  const taken = early
  early = null
  if (!taken) return null
  if (taken.boardId === boardId && taken.token === token) return taken
  taken.connection.destroy()
  taken.doc.destroy()
  return null
}
