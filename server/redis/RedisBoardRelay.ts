import type { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import type { BoardRelay, RelayedBoard } from '../sync/BoardRelay.ts'
import type { RedisLock } from './RedisLock.ts'
import {
  readPresenceFrame,
  readStreamEntry,
  writeDeletedEntry,
  writePresenceFrame,
  writeResyncEntry,
  writeUpdateEntry,
  type PresenceFrame,
} from './relayFrames.ts'

export interface RedisBoardRelayDeps {
  /** Short commands (XADD, PUBLISH, XREVRANGE, locks), with a command timeout. */
  commands: Redis
  /** Only for the blocking XREAD; a blocked connection can do nothing else. */
  reader: Redis
  /** In subscriber mode, for presence. */
  subscriber: Redis
  keyPrefix: string
  /** Tags what this process publishes, so it skips its own entries instead of relaying them back. */
  processId: string
  lock: RedisLock
  logger: Logger
  metrics: Metrics
}

interface Follow {
  board: RelayedBoard
  /** The id of the last stream entry read for this board (or the position it was opened at). */
  lastId: string
}

/** Entries kept per board stream: enough for a process that stalls a moment; one that misses more reloads from storage. */
const STREAM_MAX_ENTRIES = 1000
/** An idle board's stream disappears after a day, so Redis holds nothing of boards nobody opens. */
const STREAM_IDLE_MS = 24 * 60 * 60 * 1000
/** A blocking read ends after this even when nobody wakes it: a backstop for a CLIENT UNBLOCK lost to a reconnect. */
const BLOCK_MS = 2_000
const READ_COUNT = 500
const READ_RETRY_MS = 250
/** Reading from here replays whatever the stream still holds; harmless, since updates apply idempotently. */
const STREAM_START = '0-0'

/**
 * Relays a board's stored updates through one Redis stream per board, and
 * its presence through one pub/sub channel per board. Each process reads
 * the streams of the boards it has open on one blocking XREAD connection,
 * woken with CLIENT UNBLOCK when that set changes. After Redis comes back
 * (restarted, perhaps empty), every open board is reloaded from storage and
 * the other processes are asked to do the same, so clients converge.
 */
export class RedisBoardRelay implements BoardRelay {
  readonly shared = true
  private readonly follows = new Map<string, Follow>()
  private readonly boardOfStream = new Map<string, string>()
  private readonly boardOfChannel = new Map<string, string>()
  private readerId: number | null = null
  private wakeIdle: (() => void) | null = null
  private closed = false
  private connectedBefore = false

  constructor(private readonly deps: RedisBoardRelayDeps) {
    deps.subscriber.on('messageBuffer', this.handlePresence)
    deps.reader.on('close', () => {
      this.readerId = null
    })
    deps.commands.on('ready', this.handleReady)
    void this.readStreams()
  }

  async position(boardId: string): Promise<string | null> {
    try {
      const [newest] = await this.deps.commands.xrevrange(this.streamKey(boardId), '+', '-', 'COUNT', 1)
      return newest?.[0] ?? STREAM_START
    } catch (error) {
      // Redis is away: the board still opens from storage, and the relay replays what the stream holds once it is back.
      this.deps.logger.warn({ boardId, err: error }, 'relay position unavailable; reading the board stream from its start')
      return STREAM_START
    }
  }

  follow(board: RelayedBoard, from: string | null): void {
    const channel = this.presenceChannel(board.boardId)
    this.follows.set(board.boardId, { board, lastId: from ?? STREAM_START })
    this.boardOfStream.set(this.streamKey(board.boardId), board.boardId)
    this.boardOfChannel.set(channel, board.boardId)
    this.interruptRead()
    // Presence of clients elsewhere would otherwise appear only when they next renew it (up to 15 s).
    this.deps.subscriber.subscribe(channel).then(
      () => this.publishPresence(board.boardId, { kind: 'query', from: this.deps.processId }),
      (error: unknown) => this.deps.logger.warn({ boardId: board.boardId, err: error }, 'subscribing to board presence failed'),
    )
  }

  unfollow(boardId: string): void {
    if (!this.follows.delete(boardId)) return
    const channel = this.presenceChannel(boardId)
    this.boardOfStream.delete(this.streamKey(boardId))
    this.boardOfChannel.delete(channel)
    this.interruptRead()
    this.deps.subscriber.unsubscribe(channel).catch((error: unknown) => this.deps.logger.warn({ boardId, err: error }, 'unsubscribing from board presence failed'))
  }

  publishUpdate(boardId: string, update: Uint8Array): void {
    this.addEntry(boardId, writeUpdateEntry(this.deps.processId, update))
  }

  publishAwareness(boardId: string, update: Uint8Array): void {
    this.publishPresence(boardId, { kind: 'state', from: this.deps.processId, update })
  }

  publishDeleted(boardId: string): void {
    this.addEntry(boardId, writeDeletedEntry(this.deps.processId))
  }

  exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.deps.lock.runExclusive(`board:${name}`, work)
  }

  /**
   * Stops relaying. The read loop is not waited for: a read queued on a
   * connection that is reconnecting may never settle once that connection is
   * closed, and the loop ends by itself on its next turn.
   */
  close(): Promise<void> {
    this.closed = true
    this.deps.commands.off('ready', this.handleReady)
    this.deps.subscriber.off('messageBuffer', this.handlePresence)
    this.interruptRead()
    return Promise.resolve()
  }

  private addEntry(boardId: string, fields: Array<string | Buffer>): void {
    const key = this.streamKey(boardId)
    this.deps.commands
      .multi()
      .xadd(key, 'MAXLEN', '~', STREAM_MAX_ENTRIES, '*', ...fields)
      .pexpire(key, STREAM_IDLE_MS)
      .exec()
      .then(
        (results) => {
          const failure = results?.find(([error]) => error)?.[0]
          if (failure) throw failure
        },
      )
      .catch((error: unknown) => {
        // Stored already: other processes pick it up from storage when Redis is back (see handleReady).
        this.deps.metrics.count('relay_publish_failed_total')
        this.deps.logger.warn({ boardId, err: error }, 'publishing a board update to Redis failed')
      })
  }

  private publishPresence(boardId: string, frame: PresenceFrame): void {
    this.deps.commands.publish(this.presenceChannel(boardId), writePresenceFrame(frame)).catch((error: unknown) => {
      this.deps.metrics.count('relay_publish_failed_total')
      this.deps.logger.debug({ boardId, err: error }, 'publishing presence to Redis failed')
    })
  }

  private readonly handlePresence = (channel: Buffer, message: Buffer): void => {
    const boardId = this.boardOfChannel.get(channel.toString())
    const follow = boardId === undefined ? undefined : this.follows.get(boardId)
    if (!follow) return
    const frame = readPresenceFrame(message)
    if (!frame) {
      this.deps.metrics.count('relay_messages_rejected_total')
      return
    }
    if (frame.from === this.deps.processId) return
    if (frame.kind === 'state') {
      follow.board.applyRelayedAwareness(frame.update)
      return
    }
    const local = follow.board.localAwareness()
    if (local) this.publishPresence(follow.board.boardId, { kind: 'state', from: this.deps.processId, update: local })
  }

  /**
   * Redis is (back) up. After a restart the streams may have lost entries,
   * and publishes may have failed meanwhile: each open board reloads from
   * storage, and a resync entry asks the other processes to do the same.
   */
  private readonly handleReady = (): void => {
    if (!this.connectedBefore) {
      this.connectedBefore = true
      return
    }
    this.deps.metrics.count('relay_reconnects_total')
    this.deps.logger.info({ boards: this.follows.size }, 'Redis is back; reloading open boards from storage')
    for (const [boardId, follow] of this.follows) {
      this.addEntry(boardId, writeResyncEntry(this.deps.processId))
      void follow.board.resync()
    }
  }

  private interruptRead(): void {
    if (this.wakeIdle) {
      this.wakeIdle()
      this.wakeIdle = null
      return
    }
    if (this.readerId === null) return
    // Ends the blocked XREAD as if it timed out, so the next one reads the new set of streams.
    this.deps.commands.client('UNBLOCK', this.readerId).catch((error: unknown) => this.deps.logger.debug({ err: error }, 'waking the stream reader failed'))
  }

  private async readStreams(): Promise<void> {
    const { reader, logger } = this.deps
    while (!this.closed) {
      if (this.follows.size === 0) {
        await new Promise<void>((resolve) => (this.wakeIdle = resolve))
        continue
      }
      try {
        this.readerId ??= await reader.client('ID')
        const boardIds = [...this.follows.keys()]
        // Every board may have closed while the id was asked for.
        if (boardIds.length === 0) continue
        const ids = boardIds.map((boardId) => this.follows.get(boardId)?.lastId ?? STREAM_START)
        const reply = await reader.xreadBuffer('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...boardIds.map((id) => this.streamKey(id)), ...ids)
        if (reply) this.handleEntries(reply)
      } catch (error) {
        if (this.closed) return
        logger.warn({ err: error }, 'reading board streams from Redis failed; retrying')
        await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS))
      }
    }
  }

  private handleEntries(reply: Array<[key: Buffer, items: Array<[id: Buffer, fields: Buffer[]]>]>): void {
    const now = Date.now()
    for (const [key, items] of reply) {
      const boardId = this.boardOfStream.get(key.toString())
      const follow = boardId === undefined ? undefined : this.follows.get(boardId)
      if (!follow) continue
      for (const [rawId, fields] of items) {
        const id = rawId.toString()
        follow.lastId = id
        const entry = readStreamEntry(fields)
        if (!entry) {
          this.deps.metrics.count('relay_messages_rejected_total')
          continue
        }
        if (entry.from === this.deps.processId) continue
        if (entry.kind === 'resync') {
          void follow.board.resync()
          continue
        }
        if (entry.kind === 'deleted') {
          follow.board.deletedElsewhere()
          continue
        }
        // An entry id starts with Redis's clock in ms at XADD, which follows the store; one clock for every publisher.
        this.deps.metrics.observeSeconds('relay_lag_seconds', Math.max(0, now - Number(id.split('-')[0])) / 1000)
        follow.board.applyRelayedUpdate(entry.update)
      }
    }
  }

  private streamKey(boardId: string): string {
    return `${this.deps.keyPrefix}board:${boardId}:updates`
  }

  private presenceChannel(boardId: string): string {
    return `${this.deps.keyPrefix}board:${boardId}:presence`
  }
}
