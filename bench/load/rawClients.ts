import * as decoding from 'lib0/decoding'
import { WebSocket, type RawData } from 'ws'
import { Histogram } from '../histogram.ts'
import { nowMicros } from '../procStats.ts'
import { NoteWriter } from '../noteWriter.ts'
import { EMPTY_STEP1, EMPTY_STEP2, findMarker, readEnvelope, writeSyncStep1, writeSyncStep2 } from '../wire.ts'
import { honestPresence, writeAwarenessMessage } from './awarenessMessage.ts'
import { awarenessIdOf, HOSTILE_TAG, type RawFigures, type RawSpec } from './clientProtocol.ts'

const CONNECT_CONCURRENCY = 50
const HANDSHAKE_TIMEOUT_MS = 30_000
const CLOSE_TIMEOUT_MS = 5_000
const TICK_MS = 5
const WS_OPTIONS = { perMessageDeflate: false }

interface RawClient {
  spec: RawSpec
  ws: WebSocket
  writer: NoteWriter | null
  expectOpen: boolean
  nextWriteMicros: number
  nextAwarenessMicros: number
  awarenessClock: number
}

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}

function freshFigures(): Omit<RawFigures, 'histogram'> {
  return { deliveries: 0, sent: 0, awarenessSent: 0, awarenessReceived: 0, lostConnections: 0, hostileFrames: 0 }
}

/**
 * Many raw connections in one load process. Receivers look only at the
 * envelope and the latency marker of what arrives (a full Y.Doc each would
 * measure this process, not the server); writers hold a small Y.Doc so their
 * updates are real Yjs updates of real note records.
 */
export class RawClients {
  private clients: RawClient[] = []
  private measuring = false
  private histogram = new Histogram()
  private figures = freshFigures()
  private writeHz = 0
  private awarenessHz = 0
  private ticker: NodeJS.Timeout | null = null

  async open(specs: RawSpec[]): Promise<{ connected: number; failed: number; firstError: string | null }> {
    let next = 0
    let failed = 0
    let firstError: string | null = null
    const lane = async (): Promise<void> => {
      for (let spec = specs[next++]; spec; spec = specs[next++]) {
        try {
          this.clients.push(await this.openOne(spec))
        } catch (error) {
          failed += 1
          firstError ??= error instanceof Error ? error.message : String(error)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, specs.length) }, lane))
    return { connected: specs.length - failed, failed, firstError }
  }

  setRates(writeHz: number, awarenessHz: number): void {
    this.writeHz = writeHz
    this.awarenessHz = awarenessHz
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
    if (writeHz <= 0 && awarenessHz <= 0) return
    const now = nowMicros()
    // Random phases: no real room's people move in lockstep.
    for (const client of this.clients) {
      client.nextWriteMicros = now + Math.random() * (writeHz > 0 ? 1_000_000 / writeHz : 0)
      client.nextAwarenessMicros = now + Math.random() * (awarenessHz > 0 ? 1_000_000 / awarenessHz : 0)
    }
    this.ticker = setInterval(() => this.tick(), TICK_MS)
  }

  measureStart(): void {
    this.histogram = new Histogram()
    this.figures = freshFigures()
    this.measuring = true
  }

  measureStop(): RawFigures {
    this.measuring = false
    return { histogram: this.histogram.toSparse(), ...this.figures }
  }

  async close(): Promise<void> {
    this.setRates(0, 0)
    const closing = this.clients
    this.clients = []
    await Promise.all(
      closing.map((client) => {
        client.expectOpen = false
        if (client.ws.readyState === WebSocket.CLOSED) return Promise.resolve()
        return new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            client.ws.terminate()
            resolve()
          }, CLOSE_TIMEOUT_MS)
          client.ws.once('close', () => {
            clearTimeout(timer)
            resolve()
          })
          client.ws.close()
        })
      }),
    )
  }

  private tick(): void {
    const now = nowMicros()
    const writePeriod = this.writeHz > 0 ? 1_000_000 / this.writeHz : Infinity
    const awarenessPeriod = this.awarenessHz > 0 ? 1_000_000 / this.awarenessHz : Infinity
    for (const client of this.clients) {
      if (client.ws.readyState !== WebSocket.OPEN) continue
      // A process that fell behind skips ahead rather than bursting; the skipped sends simply are not counted as sent.
      if (client.writer && client.nextWriteMicros <= now) {
        client.ws.send(client.writer.nextMessage())
        if (this.measuring) this.figures.sent += 1
        client.nextWriteMicros = Math.max(client.nextWriteMicros + writePeriod, now)
      }
      if (client.nextAwarenessMicros <= now) {
        client.awarenessClock += 1
        const state = honestPresence(client.spec.uid, client.awarenessClock)
        client.ws.send(writeAwarenessMessage(awarenessIdOf(client.spec.uid), client.awarenessClock, state))
        if (this.measuring) this.figures.awarenessSent += 1
        client.nextAwarenessMicros = Math.max(client.nextAwarenessMicros + awarenessPeriod, now)
      }
    }
  }

  private handleFrame(client: RawClient, frame: Buffer, onSynced: () => void): void {
    const receivedMicros = nowMicros()
    if (frame.includes(HOSTILE_TAG)) this.figures.hostileFrames += 1
    const envelope = readEnvelope(frame)
    switch (envelope.kind) {
      case 'update':
        if (!this.measuring) return
        // Every marker counts: the server may relay several writers' updates merged into one frame.
        for (let marker = findMarker(frame, envelope.decoder.pos); marker; marker = findMarker(frame, marker.end)) {
          if (marker.writerUid === client.spec.uid) continue
          this.figures.deliveries += 1
          this.histogram.record(receivedMicros - marker.sendMicros)
        }
        return
      case 'step1':
        client.ws.send(client.writer ? writeSyncStep2(client.writer.doc, decoding.readVarUint8Array(envelope.decoder)) : EMPTY_STEP2)
        return
      case 'step2':
        onSynced()
        return
      case 'other':
        if (this.measuring && frame[0] === 1) this.figures.awarenessReceived += 1
        return
    }
  }

  /** Resolves once the server answered our step 1: the handshake a stock provider does is complete. */
  private openOne(spec: RawSpec): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(spec.url, WS_OPTIONS)
      const writer = spec.writer ? new NoteWriter(spec.uid) : null
      const client: RawClient = { spec, ws, writer, expectOpen: false, nextWriteMicros: 0, nextAwarenessMicros: 0, awarenessClock: 0 }
      let settled = false
      const timer = setTimeout(() => fail(new Error('handshake timed out')), HANDSHAKE_TIMEOUT_MS)
      const fail = (error: Error): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        ws.terminate()
        reject(error)
      }
      ws.on('error', (error) => fail(error))
      ws.on('open', () => ws.send(writer ? writeSyncStep1(writer.doc) : EMPTY_STEP1))
      ws.on('close', (code) => {
        if (client.expectOpen) this.figures.lostConnections += 1
        client.expectOpen = false
        fail(new Error(`closed during handshake (${code})`))
      })
      ws.on('message', (data) =>
        this.handleFrame(client, asBuffer(data), () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          client.expectOpen = true
          resolve(client)
        }),
      )
    })
  }
}
