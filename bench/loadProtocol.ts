import type { RequestMessage } from './childProcessRpc.ts'
import type { SparseHistogram } from './histogram.ts'
import type { WireFraming } from './wireFraming.ts'

/** One raw connection a load process keeps. */
export interface ClientSpec {
  uid: number
  url: string
  /** Absent: plain y-websocket. */
  framing?: WireFraming
  writer: boolean
  /** Other clients in the writer's room: how many deliveries each of its updates should cause. */
  peers: number
  /** A receiver that claims to hold this state already (a pre-seeded board), so its join does not fetch the board. */
  stateVector?: Uint8Array
}

export interface ConnectResult {
  connected: number
  failed: number
  firstError: string | null
  startMicros: number
  doneMicros: number
}

export interface MeasureResult {
  histogram: SparseHistogram
  /** Updates from another client, the basis of every per-delivery figure. */
  deliveries: number
  /** The reference also sends a writer its own update back; counted apart, never as a delivery. */
  echoes: number
  sent: number
  expectedDeliveries: number
  /** Sends dropped because this process fell more than MAX_SEND_LAG behind its schedule. */
  skippedSends: number
  /** Connections that closed while they should have been open. */
  lostConnections: number
}

export interface ColdSyncResult {
  startMicros: number
  /** When each verified client first held the whole board. */
  doneMicros: number[]
  failed: number
  firstError: string | null
  /** Clients whose received state decodes to the expected number of records. */
  verified: number
}

export interface LoadRequests {
  connect: { clients: ClientSpec[] }
  rate: { hz: number }
  measureStart: Record<string, never>
  measureStop: Record<string, never>
  closeAll: Record<string, never>
  coldSync: { url: string; framing?: WireFraming; count: number; expectRecords: number }
}

export interface LoadResults {
  connect: ConnectResult
  rate: null
  measureStart: null
  measureStop: MeasureResult
  closeAll: null
  coldSync: ColdSyncResult
}

export type LoadRequestMessage = RequestMessage<LoadRequests>
