import { io, type Socket } from 'socket.io-client'
import { bestClockOffsetMs, type ClockSample } from '../../../shared/clock.ts'
import type {
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandResult,
  MyMatches,
  MyVote,
  ReactionEvent,
  RosterEntry,
  ServerToClientEvents,
  WorkshopState,
} from '../../../shared/workshop/index.ts'

export type WorkshopStatus = 'connecting' | 'online' | 'offline' | 'refused'

export interface WorkshopSnapshot {
  status: WorkshopStatus
  state: WorkshopState | null
  mine: MyVote | null
  roster: RosterEntry[] | null
  /** Projectors only: people connected to the event, each counted once however many devices they use. */
  peopleCount: number | null
  /** My person id on this channel (workshop:me), so I find myself in rounds and queues. */
  me: string | null
  /** My private follow-up marks and mutual matches (matches:mine); nobody else's. */
  matches: MyMatches | null
  /** Server clock minus this device's clock, so timers agree across devices. */
  clockOffsetMs: number
}

const CLOCK_SAMPLES = 5
/** Longer than any command takes on a working server (a round with twenty pair boards), short enough that a button never hangs. */
const COMMAND_TIMEOUT_MS = 15_000
const RECENT_REACTIONS = 30

/**
 * The workshop-control channel of one event: socket.io with the event token,
 * the server's state as it is broadcast, and a measured clock offset. Views
 * subscribe to snapshots; commands resolve with the server's answer.
 */
export class WorkshopConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>
  private snapshot: WorkshopSnapshot = {
    status: 'connecting',
    state: null,
    mine: null,
    roster: null,
    peopleCount: null,
    me: null,
    matches: null,
    clockOffsetMs: 0,
  }
  private readonly listeners = new Set<() => void>()
  private readonly reactionListeners = new Set<(event: ReactionEvent) => void>()
  private readonly eventChangeListeners = new Set<() => void>()
  private readonly versionListeners = new Set<(boardId: string) => void>()
  readonly recentReactions: ReactionEvent[] = []

  private readonly commandTimeoutMs: number

  /** `serverUrl` defaults to the page's own origin; tests point it elsewhere. */
  constructor(token: string, eventId: string, options: { serverUrl?: string; commandTimeoutMs?: number } = {}) {
    const socketOptions = { auth: { token, eventId }, transports: ['websocket', 'polling'] }
    this.socket = options.serverUrl ? io(options.serverUrl, socketOptions) : io(socketOptions)
    this.commandTimeoutMs = options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS
    this.socket.on('connect', () => {
      this.update({ status: 'online' })
      void this.measureClock()
    })
    this.socket.on('disconnect', () => this.update({ status: 'offline' }))
    this.socket.on('connect_error', (error) => {
      // The server names why it refused the handshake; a refusal will not change by retrying.
      if (['unauthorized', 'forbidden', 'not_found'].includes(error.message)) {
        this.update({ status: 'refused' })
        this.socket.disconnect()
      } else {
        this.update({ status: 'offline' })
      }
    })
    this.socket.on('workshop:state', (state) => this.update({ state }))
    this.socket.on('vote:mine', (mine) => this.update({ mine }))
    this.socket.on('roster', (roster) => this.update({ roster }))
    this.socket.on('people:count', (peopleCount) => this.update({ peopleCount }))
    this.socket.on('workshop:me', ({ personId }) => this.update({ me: personId }))
    this.socket.on('matches:mine', (matches) => this.update({ matches }))
    this.socket.on('event:changed', () => {
      for (const listener of this.eventChangeListeners) listener()
    })
    this.socket.on('board:versions-changed', (boardId) => {
      for (const listener of this.versionListeners) listener(boardId)
    })
    this.socket.on('reaction', (event) => {
      this.recentReactions.push(event)
      if (this.recentReactions.length > RECENT_REACTIONS) this.recentReactions.shift()
      for (const listener of this.reactionListeners) listener(event)
    })
  }

  get current(): WorkshopSnapshot {
    return this.snapshot
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The event's boards, links or details changed on the server; the listener reloads them. */
  onEventChanged(listener: () => void): () => void {
    this.eventChangeListeners.add(listener)
    return () => this.eventChangeListeners.delete(listener)
  }

  /** Facilitators only: a version of the board was stored, by anyone, on any server process. */
  onBoardVersionsChanged(listener: (boardId: string) => void): () => void {
    this.versionListeners.add(listener)
    return () => this.versionListeners.delete(listener)
  }

  onReaction(listener: (event: ReactionEvent) => void): () => void {
    this.reactionListeners.add(listener)
    return () => this.reactionListeners.delete(listener)
  }

  /**
   * Resolves with the server's answer, or with `offline` when there is no
   * connection and `timeout` when no answer came in time. A timed-out command
   * may still have been carried out: the state the server sends shows it.
   */
  send<C extends CommandName>(command: C, payload: CommandPayload<C>): Promise<CommandResult> {
    return new Promise((resolve) => {
      if (!this.socket.connected) {
        resolve({ ok: false, error: { code: 'offline', message: 'no connection to the server' } })
        return
      }
      const withTimeout = this.socket.timeout(this.commandTimeoutMs)
      // socket.io's typed emit cannot follow a generic command name; the event map still types payload and ack.
      const emit = withTimeout.emit.bind(withTimeout) as unknown as (
        name: C,
        payload: CommandPayload<C>,
        ack: (error: Error | null, result: CommandResult) => void,
      ) => void
      emit(command, payload, (error, result) => {
        if (error) resolve({ ok: false, error: { code: this.socket.connected ? 'timeout' : 'offline', message: error.message } })
        else resolve(result)
      })
    })
  }

  close(): void {
    this.socket.disconnect()
    this.listeners.clear()
    this.reactionListeners.clear()
    this.eventChangeListeners.clear()
    this.versionListeners.clear()
  }

  private async measureClock(): Promise<void> {
    const samples: ClockSample[] = []
    for (let i = 0; i < CLOCK_SAMPLES && this.socket.connected; i++) {
      const sentAt = Date.now()
      const serverNow = await this.socket.timeout(5000).emitWithAck('time:now').catch(() => null)
      if (serverNow === null) return
      samples.push({ sentAt, receivedAt: Date.now(), serverNow })
    }
    if (samples.length > 0) this.update({ clockOffsetMs: bestClockOffsetMs(samples) })
  }

  private update(patch: Partial<WorkshopSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch }
    for (const listener of this.listeners) listener()
  }
}
