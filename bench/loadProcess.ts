/*
 * A load generator process, driven by bench/loadPool.ts over IPC. It keeps
 * many raw ws connections that speak just enough of the y-websocket protocol:
 * receivers answer the handshake with constant messages and only look at the
 * envelope and the latency marker of what arrives; writers hold a small Y.Doc
 * each, so their updates are real Yjs updates a server has to apply.
 */
import * as decoding from 'lib0/decoding'
import { WebSocket, type RawData } from 'ws'
import * as Y from 'yjs'
import { serveRequests } from './childProcessRpc.ts'
import { Histogram } from './histogram.ts'
import { NoteWriter } from './noteWriter.ts'
import type {
  ClientSpec,
  ColdSyncResult,
  ConnectResult,
  LoadRequestMessage,
  LoadRequests,
  LoadResults,
  MeasureResult,
} from './loadProtocol.ts'
import { nowMicros, sleep } from './procStats.ts'
import { framerFor, type Framer, type WireFraming } from './wireFraming.ts'
import {
  EMPTY_STEP1,
  EMPTY_STEP2,
  findMarker,
  readEnvelope,
  writeSyncStep1,
  writeSyncStep1FromStateVector,
  writeSyncStep2,
} from './wire.ts'

const CONNECT_CONCURRENCY = 50
const CONNECT_TIMEOUT_MS = 30_000
const COLD_SYNC_TIMEOUT_MS = 60_000
/** After every cold-sync client got its step 2, how long no further update may arrive before the sockets close. */
const COLD_SYNC_QUIET_MS = 500
const CLOSE_TIMEOUT_MS = 5_000
/** Behind schedule by more than this, a writer skips ahead instead of bursting; counted so a reader sees it. */
const MAX_SEND_LAG_MICROS = 200_000
const WS_OPTIONS = { perMessageDeflate: false }

/** A writer on a schedule: when its next update is due. */
class Writer extends NoteWriter {
  nextDueMicros = 0
}

interface Client {
  spec: ClientSpec
  ws: WebSocket
  framer: Framer
  writer: Writer | null
  expectOpen: boolean
}

let clients: Client[] = []
let measuring = false
let histogram = new Histogram()
let counters = freshCounters()
let rateHz = 0
let ticker: NodeJS.Timeout | null = null

function freshCounters(): Omit<MeasureResult, 'histogram'> {
  return { deliveries: 0, echoes: 0, sent: 0, expectedDeliveries: 0, skippedSends: 0, lostConnections: 0 }
}

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}

function handleFrame(client: Client, data: Buffer, onSynced: () => void): void {
  const receivedMicros = nowMicros()
  const frame = client.framer.unwrap(data)
  const envelope = readEnvelope(frame)
  switch (envelope.kind) {
    case 'update': {
      if (!measuring) return
      // Every marker counts: a scale-out process relays a stored batch (several updates, merged) as one frame.
      for (let marker = findMarker(frame, envelope.decoder.pos); marker; marker = findMarker(frame, marker.end)) {
        if (marker.writerUid === client.spec.uid) {
          counters.echoes += 1
        } else {
          counters.deliveries += 1
          histogram.record(receivedMicros - marker.sendMicros)
        }
      }
      return
    }
    case 'step1': {
      const reply = client.writer
        ? writeSyncStep2(client.writer.doc, decoding.readVarUint8Array(envelope.decoder))
        : EMPTY_STEP2
      client.ws.send(client.framer.wrap(reply))
      return
    }
    case 'step2':
      onSynced()
      return
    case 'other':
      return
  }
}

/** Resolves once the server answered our step 1, i.e. the handshake a stock provider does is complete. */
function openClient(spec: ClientSpec): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(spec.url, WS_OPTIONS)
    const writer = spec.writer ? new Writer(spec.uid) : null
    const framer = framerFor(spec.framing)
    const client: Client = { spec, ws, framer, writer, expectOpen: false }
    const timer = setTimeout(() => fail(new Error('handshake timed out')), CONNECT_TIMEOUT_MS)
    let settled = false
    const fail = (error: Error): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      ws.terminate()
      reject(error)
    }
    ws.on('error', (error) => fail(error))
    ws.on('open', () => {
      for (const frame of framer.opening) ws.send(frame)
      if (writer) ws.send(framer.wrap(writeSyncStep1(writer.doc)))
      else ws.send(framer.wrap(spec.stateVector ? writeSyncStep1FromStateVector(spec.stateVector) : EMPTY_STEP1))
    })
    ws.on('close', (code) => {
      if (client.expectOpen) counters.lostConnections += 1
      client.expectOpen = false
      fail(new Error(`closed during handshake (${code})`))
    })
    ws.on('message', (data) =>
      handleFrame(client, asBuffer(data), () => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        client.expectOpen = true
        resolve(client)
      }),
    )
  })
}

async function connect(specs: ClientSpec[]): Promise<ConnectResult> {
  const startMicros = nowMicros()
  let next = 0
  let failed = 0
  let firstError: string | null = null
  const lane = async (): Promise<void> => {
    while (next < specs.length) {
      const spec = specs[next++]
      if (!spec) return
      try {
        clients.push(await openClient(spec))
      } catch (error) {
        failed += 1
        firstError ??= error instanceof Error ? error.message : String(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, specs.length) }, lane))
  return { connected: specs.length - failed, failed, firstError, startMicros, doneMicros: nowMicros() }
}

function setRate(hz: number): void {
  rateHz = hz
  if (ticker) clearInterval(ticker)
  ticker = null
  if (hz <= 0) return
  const periodMicros = 1_000_000 / hz
  const now = nowMicros()
  // Random phases keep writers from firing in lockstep, which no real room does.
  for (const client of clients) {
    if (client.writer) client.writer.nextDueMicros = now + Math.random() * periodMicros
  }
  const tickMs = Math.min(5, Math.max(1, periodMicros / 10_000))
  ticker = setInterval(tick, tickMs)
}

function tick(): void {
  const periodMicros = 1_000_000 / rateHz
  const now = nowMicros()
  for (const client of clients) {
    const writer = client.writer
    if (!writer || client.ws.readyState !== WebSocket.OPEN) continue
    while (writer.nextDueMicros <= now) {
      if (now - writer.nextDueMicros > MAX_SEND_LAG_MICROS) {
        if (measuring) counters.skippedSends += Math.floor((now - writer.nextDueMicros) / periodMicros)
        writer.nextDueMicros = now
      }
      client.ws.send(client.framer.wrap(writer.nextMessage()))
      if (measuring) {
        counters.sent += 1
        counters.expectedDeliveries += client.spec.peers
      }
      writer.nextDueMicros += periodMicros
    }
  }
}

function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate()
      resolve()
    }, CLOSE_TIMEOUT_MS)
    ws.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
    ws.close()
  })
}

async function closeAll(): Promise<void> {
  setRate(0)
  const closing = clients
  clients = []
  for (const client of closing) client.expectOpen = false
  await Promise.all(closing.map((client) => closeSocket(client.ws)))
}

/** What one cold-sync client received: its step 2, then any updates, each with its arrival time. */
interface ColdSyncClient {
  ws: WebSocket
  syncFrames: Array<{ micros: number; payload: Uint8Array }>
}

/**
 * Opens `count` connections at once and times each until it holds the whole
 * board. That is usually its step 2; but @y/websocket-server with persistence
 * answers a step 1 before y-leveldb has loaded the document and sends the
 * stored state later as an update, so a client also keeps what arrives after
 * its step 2 until the board has arrived, and the count is made afterwards.
 */
async function coldSync(url: string, framing: WireFraming | undefined, count: number, expectRecords: number): Promise<ColdSyncResult> {
  const framer = framerFor(framing)
  const startMicros = nowMicros()
  const synced: ColdSyncClient[] = []
  const sockets: WebSocket[] = []
  let lastFrameMicros = startMicros
  let failed = 0
  let firstError: string | null = null
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url, WS_OPTIONS)
      sockets.push(ws)
      const client: ColdSyncClient = { ws, syncFrames: [] }
      let settled = false
      const finish = (error: string | null): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (error !== null) {
          failed += 1
          firstError ??= error
        } else {
          synced.push(client)
        }
        resolve()
      }
      const timer = setTimeout(() => finish('cold sync timed out'), COLD_SYNC_TIMEOUT_MS)
      ws.on('error', (error) => finish(error.message))
      ws.on('close', (code) => finish(`closed before sync (${code})`))
      ws.on('open', () => {
        for (const frame of framer.opening) ws.send(frame)
        ws.send(framer.wrap(EMPTY_STEP1))
      })
      ws.on('message', (data) => {
        const micros = nowMicros()
        const frame = framer.unwrap(asBuffer(data))
        const envelope = readEnvelope(frame)
        if (envelope.kind === 'step1') ws.send(framer.wrap(EMPTY_STEP2))
        if (envelope.kind === 'step2' && !settled) {
          client.syncFrames.push({ micros, payload: decoding.readVarUint8Array(envelope.decoder) })
          lastFrameMicros = micros
          finish(null)
        } else if (envelope.kind === 'update' && client.syncFrames.length > 0) {
          client.syncFrames.push({ micros, payload: decoding.readVarUint8Array(envelope.decoder) })
          lastFrameMicros = micros
        }
      })
    })
  await Promise.all(Array.from({ length: count }, one))
  // Every client of a room gets the same broadcast, so one client shows when the board has arrived: its frames are
  // applied as they come until it holds the board (at once for a server whose step 2 held it), then the sockets
  // stay open until no frame came for a while, for the others to receive it too.
  const probe = synced[0]
  if (probe) {
    const probeDoc = new Y.Doc()
    let applied = 0
    const waitStart = nowMicros()
    while ((nowMicros() - waitStart) / 1_000 < COLD_SYNC_TIMEOUT_MS) {
      for (const frame of probe.syncFrames.slice(applied)) Y.applyUpdate(probeDoc, frame.payload)
      applied = probe.syncFrames.length
      if (probeDoc.getArray('tl_records').length >= expectRecords) break
      await sleep(COLD_SYNC_QUIET_MS / 10)
    }
    probeDoc.destroy()
  }
  while ((nowMicros() - lastFrameMicros) / 1_000 < COLD_SYNC_QUIET_MS) await sleep(COLD_SYNC_QUIET_MS / 4)
  // Counted after the clock stopped: decoding 50 full boards here would otherwise be timed as server work.
  const doneMicros: number[] = []
  let verified = 0
  for (const client of synced) {
    const doc = new Y.Doc()
    // At least: ours seeds every new board with its template's records (a page, the document) besides ours.
    const holdsBoard = (): boolean => doc.getArray('tl_records').length >= expectRecords
    let doneAt: number | null = null
    for (const frame of client.syncFrames) {
      Y.applyUpdate(doc, frame.payload)
      if (holdsBoard()) {
        doneAt = frame.micros
        break
      }
    }
    doc.destroy()
    if (doneAt === null) continue
    verified += 1
    doneMicros.push(doneAt)
  }
  await Promise.all(sockets.map(closeSocket))
  return { startMicros, doneMicros, failed, firstError, verified }
}

async function handle(request: LoadRequestMessage): Promise<LoadResults[typeof request.cmd]> {
  switch (request.cmd) {
    case 'connect':
      return connect(request.args.clients)
    case 'rate':
      setRate(request.args.hz)
      return null
    case 'measureStart':
      histogram = new Histogram()
      counters = freshCounters()
      measuring = true
      return null
    case 'measureStop':
      measuring = false
      return { histogram: histogram.toSparse(), ...counters }
    case 'closeAll':
      await closeAll()
      return null
    case 'coldSync':
      return coldSync(request.args.url, request.args.framing, request.args.count, request.args.expectRecords)
  }
}

serveRequests<LoadRequests, LoadResults>(handle)
