import type { RequestMessage } from '../childProcessRpc.ts'
import type { SparseHistogram } from '../histogram.ts'

/** A raw connection that speaks just enough y-websocket: receivers time the writers' notes, everyone sends presence. */
export interface RawSpec {
  uid: number
  url: string
  writer: boolean
}

/** A stock provider reconnecting on the board page's schedule (client/src/collab/reconnectDelay.ts), with a full Y.Doc. */
export interface PageSpec {
  uid: number
  wsBase: string
  boardId: string
  token: string
  writer: boolean
}

export interface RawFigures {
  histogram: SparseHistogram
  /** Notes from another client that arrived while measuring. */
  deliveries: number
  sent: number
  awarenessSent: number
  awarenessReceived: number
  /** Connections that closed although nobody closed them. */
  lostConnections: number
  /** Frames that carried the hostile scenario's tag: must stay 0 at honest clients. */
  hostileFrames: number
}

export interface PageState {
  uid: number
  writer: boolean
  syncedAt: number
  closes: number[]
  /** Keys of the notes this client wrote (writers) or holds (everyone else), when asked for. */
  keys: string[] | null
}

export interface AttackFigures {
  byKind: Record<string, number>
  closes: Record<string, number>
  reconnects: number
  durationMs: number
}

export interface ClientRequests {
  openRaw: { clients: RawSpec[] }
  rates: { writeHz: number; awarenessHz: number }
  measureStart: Record<string, never>
  measureStop: Record<string, never>
  closeRaw: Record<string, never>
  openPages: { clients: PageSpec[] }
  pagesWrite: { hz: number }
  pagesState: { withKeys: boolean }
  /** Per page client, the wall-clock ms at which it had synced after `after` and held at least `minNotes` notes; null if not within the timeout. */
  pagesResynced: { after: number; minNotes: number; timeoutMs: number }
  closePages: Record<string, never>
  attack: { url: string; frames: number; concurrency: number; foreignIds: number[] }
}

export interface ClientResults {
  openRaw: { connected: number; failed: number; firstError: string | null }
  rates: null
  measureStart: null
  measureStop: RawFigures
  closeRaw: null
  openPages: null
  pagesWrite: null
  pagesState: PageState[]
  pagesResynced: Array<number | null>
  closePages: null
  attack: AttackFigures
}

export type ClientRequestMessage = RequestMessage<ClientRequests>

/** Put into every hostile payload, so a frame that carries one is found with one indexOf. */
export const HOSTILE_TAG = 'HOSTILE-7f3a'

/** The awareness client id of raw client `uid`; ids a stock client picks are random 32-bit numbers, these stay clear of 0. */
export function awarenessIdOf(uid: number): number {
  return 1_000_000 + uid
}
