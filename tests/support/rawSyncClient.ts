import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { NoteMap } from './noteMap.ts'

export interface Closed {
  code: number
  reason: string
}

/** A bare WebSocket on the sync endpoint, for sending what no stock client would. */
export interface RawSyncClient {
  ws: WebSocket
  received: Uint8Array[]
  opened: Promise<void>
  closed: Promise<Closed>
}

export function openRaw(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): RawSyncClient {
  const ws = new WebSocket(url, options)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const closed = new Promise<Closed>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  opened.catch(() => undefined)
  return { ws, received, opened, closed }
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A valid update that adds the note `key` reading `value`, written by a fresh client id. */
export function recordUpdate(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  new NoteMap(doc).set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

/** The HTTP status line a refused upgrade answers with. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => {
      ws.close()
      reject(new Error('upgrade unexpectedly accepted'))
    })
    ws.on('error', () => undefined)
  })
}
