import { WebSocket } from 'ws'
import { sleep } from '../procStats.ts'
import type { AttackFigures } from './clientProtocol.ts'
import { CLOSING_KINDS, hostileFrame, hostileKindAt } from './hostileFrames.ts'

const CLOSE_WAIT_MS = 5_000
/** The attacker does not outrun its own socket: past this much queued, it waits (the server reads at its pace). */
const MAX_QUEUED_BYTES = 1024 * 1024

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function closed(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve(0)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate()
      resolve(0)
    }, CLOSE_WAIT_MS)
    ws.once('close', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

/**
 * Sends `frames` hostile frames over `concurrency` connections of a
 * participant, as fast as the server takes them; after a frame the server
 * answers by closing, the lane waits for the close and connects again.
 */
export async function attack(url: string, frames: number, concurrency: number, foreignIds: number[]): Promise<AttackFigures> {
  const figures: AttackFigures = { byKind: {}, closes: {}, reconnects: 0, durationMs: 0 }
  const noteClose = (code: number): void => {
    figures.closes[code] = (figures.closes[code] ?? 0) + 1
  }
  const start = Date.now()
  let next = 0
  const lane = async (laneIndex: number): Promise<void> => {
    const ownId = 900_000 + laneIndex
    let ws = await openSocket(url)
    for (let index = next++; index < frames; index = next++) {
      if (ws.readyState !== WebSocket.OPEN) {
        // Closed by the server after a frame that should have left it open: counted, then back in.
        if (ws.readyState !== WebSocket.CLOSED) noteClose(await closed(ws))
        ws = await openSocket(url)
        figures.reconnects += 1
      }
      const kind = hostileKindAt(index)
      figures.byKind[kind] = (figures.byKind[kind] ?? 0) + 1
      const isClosed = CLOSING_KINDS.has(kind) ? closed(ws) : null
      ws.send(hostileFrame(kind, foreignIds, ownId))
      if (isClosed) {
        noteClose(await isClosed)
        ws = await openSocket(url)
        figures.reconnects += 1
        continue
      }
      while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount > MAX_QUEUED_BYTES) await sleep(1)
      // Lets the event loop read what the server sent (and its close) between frames.
      await new Promise((resolve) => setImmediate(resolve))
    }
    ws.close()
  }
  await Promise.all(Array.from({ length: concurrency }, (_, laneIndex) => lane(laneIndex)))
  figures.durationMs = Date.now() - start
  return figures
}
