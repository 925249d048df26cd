import { WebSocket, type RawData } from 'ws'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { readEnvelope, tldrawLikeRecord, writeSyncStep1, writeSyncStep2, writeUpdate } from './wire.ts'
import { framerFor, type WireFraming } from './wireFraming.ts'

const HANDSHAKE_TIMEOUT_MS = 30_000

/**
 * A full client in this process, for the few connections that write boards
 * (seeding, the memory scenario); fan-out load uses the raw load processes.
 */
export interface DirectClient {
  /** Writes `count` tldraw-like records as tldraw does: YKeyValue over tl_records, in chunks per transaction. */
  writeRecords(count: number, perTransaction: number): void
  /** Resolves when the server answered a step 1 sent after every update: it has applied (ours: stored) them all. */
  confirm(): Promise<void>
  stateVector(): Uint8Array
  close(): Promise<void>
}

export function openDirect(url: string, framing?: WireFraming): Promise<DirectClient> {
  const framer = framerFor(framing)
  const doc = new Y.Doc()
  const records = new YKeyValue<Record<string, unknown>>(doc.getArray('tl_records'))
  const ws = new WebSocket(url, { perMessageDeflate: false })
  const step2Waiters: Array<() => void> = []
  const failWaiters: Array<(error: Error) => void> = []
  const fail = (error: Error): void => {
    for (const reject of failWaiters.splice(0)) reject(error)
  }
  const nextStep2 = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync step 2 from ${url}`)), HANDSHAKE_TIMEOUT_MS)
      step2Waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
      failWaiters.push((error) => {
        clearTimeout(timer)
        reject(error)
      })
    })

  doc.on('update', (update: Uint8Array) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(framer.wrap(writeUpdate(update)))
  })
  ws.on('error', fail)
  ws.on('close', (code) => fail(new Error(`connection closed (${code})`)))
  ws.on('open', () => {
    for (const frame of framer.opening) ws.send(frame)
    ws.send(framer.wrap(writeSyncStep1(doc)))
  })
  ws.on('message', (data: RawData) => {
    const envelope = readEnvelope(framer.unwrap(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer)))
    if (envelope.kind === 'step1') ws.send(framer.wrap(writeSyncStep2(doc, decoding.readVarUint8Array(envelope.decoder))))
    if (envelope.kind === 'step2') step2Waiters.shift()?.()
  })

  const client: DirectClient = {
    writeRecords: (count, perTransaction) => {
      for (let first = 0; first < count; first += perTransaction) {
        doc.transact(() => {
          for (let n = first; n < Math.min(count, first + perTransaction); n++) {
            const id = `shape:${n.toString(36).padStart(8, '0')}`
            records.set(id, tldrawLikeRecord(id, n, `Notiz ${n}: eine Idee aus der Ideenschmiede`))
          }
        })
      }
    },
    confirm: () => {
      const answered = nextStep2()
      ws.send(framer.wrap(writeSyncStep1(doc)))
      return answered
    },
    stateVector: () => Y.encodeStateVector(doc),
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve()
        ws.once('close', () => resolve())
        ws.close()
      }),
  }
  return nextStep2().then(() => client)
}
