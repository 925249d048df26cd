import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import type { BoardStore, PendingWrite, StoredBoard } from '../storage/BoardStore.ts'
import { AwarenessRelay, type AwarenessLimits } from './AwarenessRelay.ts'
import { checkBoardUpdate, type BoardContentLimits } from './BoardContentGuard.ts'
import type { BoardRelay, RelayedBoard } from './BoardRelay.ts'
import {
  MessageType,
  writePermissionDeniedMessage,
  writeSyncStep1Message,
  writeSyncStep2Message,
  writeUpdateMessage,
} from './protocol.ts'
import type { ConnectionAccess, SyncSocket } from './SyncSocket.ts'
import type { WriteCoalescer, WriteParticipant } from './WriteCoalescer.ts'

export interface BoardRoomDeps {
  store: BoardStore
  writes: WriteCoalescer
  logger: Logger
  metrics: Metrics
  compactAfterUpdates: number
  /** A due compaction waits until the board has been quiet this long, so it never stalls a busy room. */
  compactIdleMs: number
  maxPendingUpdatesPerClient: number
  awareness: AwarenessLimits
  content: BoardContentLimits & { maxBoardBytes: number }
  /** Carries stored updates and presence to the board's clients on other processes. */
  relay: BoardRelay
  onUpdatesStored?: (room: BoardRoom) => void
  /** Called once when storage fails; the owner drops the room so it reloads from what was stored. */
  onFailure: (room: BoardRoom) => void
  /** Called once another process deleted the board, after its clients here are cut off. */
  onDeletedElsewhere: (room: BoardRoom) => void
}

interface Connection {
  access: ConnectionAccess
  gappedUpdates: number
  /** Set when an update was refused: the client's later updates build on it, so it must resend what we lack. */
  missedRefusedWrites: boolean
}

interface Outbound {
  /** One recipient, or null for every connection but `except`. */
  to: SyncSocket | null
  except: SyncSocket | null
  message: Uint8Array
  /** Set when `message` carries a client's update: it passed the content check, so a batch's may go out merged. */
  clientUpdate?: Uint8Array
}

type ClientUpdate = Outbound & { clientUpdate: Uint8Array }

function isClientUpdate(outbound: Outbound): outbound is ClientUpdate {
  return outbound.clientUpdate !== undefined
}

interface WriteBatch {
  updates: Uint8Array[]
  bytes: number
  outbound: Outbound[]
  /** Settles once this batch is stored and delivered (or the room failed). */
  done: Promise<void>
  settle: () => void
}

/** Logs this many times the compaction threshold are compacted at once, quiet or not, so a board never grows without bound. */
const FORCED_COMPACTION_FACTOR = 10

/** An update with no structs and an empty delete set, as a client's sync step 2 often is. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0
}

function stateChanged(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true
  }
  return false
}

class MalformedMessage extends Error {}

const SERVER_ORIGIN = Symbol('server change')
/** Changes another process stored (relayed, or read back from storage): already durable, so never appended again. */
const RELAYED_ORIGIN = Symbol('relayed change')

/**
 * One board's document, awareness and connections. An inbound update is
 * applied, appended to storage together with everything else that arrived
 * in the same event-loop turn, and only then relayed: what any client saw is
 * already stored. Replies that carry document state wait for the same write.
 */
export class BoardRoom implements WriteParticipant, RelayedBoard {
  private readonly presence: AwarenessRelay
  private readonly connections = new Map<SyncSocket, Connection>()
  private openBatch: WriteBatch | null = null
  /** Batches handed to storage and not yet confirmed, oldest first. */
  private readonly inFlight: WriteBatch[] = []
  private updatesSinceSnapshot: number
  private logBytes: number
  private snapshotBytes: number
  private compacting: Promise<void> | null = null
  private compactionTimer: NodeJS.Timeout | null = null
  private failed = false
  private unloaded = false
  private holds = 0
  /** Sync step 2 for a client that has nothing yet; many join at once, and encoding a big board for each is the cost. */
  private fullStateMessage: Uint8Array | null = null
  private lastTransaction: Y.Transaction | null = null

  constructor(
    readonly boardId: string,
    readonly doc: Y.Doc,
    private lastSeq: number,
    stored: { updateCount: number; logBytes: number; snapshotBytes: number },
    private readonly deps: BoardRoomDeps,
  ) {
    this.updatesSinceSnapshot = stored.updateCount
    this.logBytes = stored.logBytes
    this.snapshotBytes = stored.snapshotBytes
    this.presence = new AwarenessRelay(doc, deps.awareness, deps.metrics)
    this.presence.onLocalChange((update) => deps.relay.publishAwareness(boardId, update))
    doc.on('afterTransaction', this.rememberTransaction)
  }

  get connectionCount(): number {
    return this.connections.size
  }

  get isFailed(): boolean {
    return this.failed
  }

  join(socket: SyncSocket, access: ConnectionAccess): void {
    this.connections.set(socket, { access, gappedUpdates: 0, missedRefusedWrites: false })
    socket.send(writeSyncStep1Message(this.doc))
    this.presence.join(socket, access.facilitates)
  }

  leave(socket: SyncSocket): void {
    const connection = this.connections.get(socket)
    if (!connection) return
    this.connections.delete(socket)
    this.presence.leave(socket)
  }

  handleMessage(socket: SyncSocket, message: Uint8Array): void {
    const connection = this.connections.get(socket)
    if (!connection || this.failed) return
    try {
      const decoder = decoding.createDecoder(message)
      const messageType = decoding.readVarUint(decoder)
      switch (messageType) {
        case MessageType.sync:
          this.handleSyncMessage(socket, connection, decoder)
          break
        case MessageType.awareness:
          if (connection.access.sharesPresence) this.presence.handleUpdate(socket, decoding.readVarUint8Array(decoder))
          break
        case MessageType.queryAwareness:
          this.presence.sendAll(socket)
          break
        default:
          // Auth messages only flow server → client; unknown types are ignored so newer clients still work.
          break
      }
    } catch (error) {
      this.deps.metrics.count('sync_messages_rejected_total', { reason: 'malformed' })
      this.deps.logger.warn({ boardId: this.boardId, err: error }, 'malformed sync message, closing connection')
      this.leave(socket)
      socket.close(CloseCode.invalidPayload, 'malformed message')
    }
  }

  /**
   * A change made by the server itself (import, restore, template, breakout):
   * stored and relayed to every client like any other update.
   */
  applyServerChange(change: (doc: Y.Doc) => void): void {
    if (this.failed) throw new Error(`board ${this.boardId} is unavailable`)
    const captured: Uint8Array[] = []
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) captured.push(update)
    }
    this.doc.on('update', capture)
    try {
      this.doc.transact(() => change(this.doc), SERVER_ORIGIN)
    } finally {
      this.doc.off('update', capture)
    }
    for (const update of captured) this.queueUpdate(update, null)
  }

  /** Resolves once every update received so far is stored and relayed. */
  whenWritten(): Promise<void> {
    return this.tailBatch()?.done ?? Promise.resolve()
  }

  /** Keeps the room loaded while the server itself reads or changes it; call the returned function when done. */
  hold(): () => void {
    this.holds += 1
    let released = false
    return () => {
      if (!released) this.holds -= 1
      released = true
    }
  }

  /** Connections and server-side holds: a room in use is never unloaded. */
  get inUse(): boolean {
    return this.connections.size > 0 || this.holds > 0
  }

  /** Stores a final snapshot if the log has grown (unless the board is being deleted), then frees the document. */
  async unload({ discard = false }: { discard?: boolean } = {}): Promise<void> {
    // A discarded room's clients are being cut off; whatever they still send before the close completes is not taken.
    if (discard) this.connections.clear()
    await this.whenWritten()
    await this.compacting
    if (this.compactionTimer) clearTimeout(this.compactionTimer)
    if (!discard && !this.failed && this.updatesSinceSnapshot > 0) {
      await this.compact()
    }
    this.unloaded = true
    this.presence.destroy()
    this.doc.off('afterTransaction', this.rememberTransaction)
    this.doc.destroy()
  }

  applyRelayedUpdate(update: Uint8Array): void {
    if (this.failed || this.unloaded) return
    try {
      Y.applyUpdate(this.doc, update, RELAYED_ORIGIN)
    } catch (error) {
      this.deps.logger.error({ boardId: this.boardId, err: error }, 'a relayed update could not be applied; reloading the board from storage')
      void this.resync()
      return
    }
    this.fullStateMessage = null
    // Stored by the process that relayed it, so it goes out at once, ahead of this room's own unstored batches.
    this.deliver({ to: null, except: null, message: writeUpdateMessage(update) })
  }

  applyRelayedAwareness(update: Uint8Array): void {
    if (this.failed || this.unloaded) return
    try {
      this.presence.applyRelayed(update)
    } catch (error) {
      this.deps.logger.warn({ boardId: this.boardId, err: error }, 'relayed presence could not be applied')
    }
  }

  localAwareness(): Uint8Array | null {
    return this.failed || this.unloaded ? null : this.presence.encodeLocal()
  }

  deletedElsewhere(): void {
    if (this.failed || this.unloaded) return
    for (const socket of this.connections.keys()) socket.close(CloseCode.boardNotFound, 'board deleted')
    this.connections.clear()
    this.deps.onDeletedElsewhere(this)
  }

  async resync(): Promise<void> {
    if (this.failed || this.unloaded) return
    let stored: StoredBoard
    try {
      stored = await this.deps.store.loadBoard(this.boardId)
    } catch (error) {
      this.deps.logger.error({ boardId: this.boardId, err: error }, 'reloading the board after a relay gap failed')
      return
    }
    if (this.failed || this.unloaded) return
    this.catchUp(stored)
  }

  takeWrite(): PendingWrite {
    const batch = this.openBatch
    if (!batch) throw new Error(`board ${this.boardId} was scheduled for a write without a batch`)
    this.openBatch = null
    // A failed room's document no longer matches storage; what it holds is not written (its clients resend after reconnecting).
    if (this.failed) return { boardId: this.boardId, updates: [] }
    this.inFlight.push(batch)
    return { boardId: this.boardId, updates: batch.updates }
  }

  writeStored(lastSeq: number): void {
    const batch = this.inFlight.shift()
    if (!batch || this.failed) return
    this.lastSeq = lastSeq
    this.deps.metrics.count('board_updates_stored_total', {}, batch.updates.length)
    // Published once stored, as one entry per batch: other processes' clients never see what a crash could lose.
    // Merging a busy room's batch costs a decode of every update in it; alone, the process has nobody to publish to.
    if (batch.updates.length > 0 && this.deps.relay.shared) this.deps.relay.publishUpdate(this.boardId, Y.mergeUpdates(batch.updates))
    this.updatesSinceSnapshot += batch.updates.length
    this.logBytes += batch.bytes
    this.deliverBatch(batch.outbound)
    batch.settle()
    try {
      this.deps.onUpdatesStored?.(this)
    } catch (error) {
      // The updates are stored and relayed; a failing follow-up (an automatic version) must not fail the room.
      this.deps.logger.error({ boardId: this.boardId, err: error }, 'after-store hook failed')
    }
    this.scheduleCompaction()
  }

  /** Writes the document as it is now as the board's snapshot and drops the whole update log, with the history it holds. */
  async compactNow(): Promise<void> {
    await this.whenWritten()
    await this.compacting
    if (this.compactionTimer) clearTimeout(this.compactionTimer)
    this.compactionTimer = null
    await this.compact()
  }

  writeFailed(error: unknown): void {
    this.inFlight.shift()?.settle()
    this.fail(error)
  }

  private readonly rememberTransaction = (transaction: Y.Transaction): void => {
    this.lastTransaction = transaction
  }

  private handleSyncMessage(socket: SyncSocket, connection: Connection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        const hasNothing = stateVector.length === 1 && stateVector[0] === 0
        const reply = hasNothing
          ? (this.fullStateMessage ??= writeSyncStep2Message(this.doc, stateVector))
          : writeSyncStep2Message(this.doc, stateVector)
        this.sendAfterWrites({ to: socket, except: null, message: reply })
        break
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        this.handleUpdate(socket, connection, decoding.readVarUint8Array(decoder))
        break
      default:
        throw new MalformedMessage(`unknown sync message type ${syncType}`)
    }
  }

  private handleUpdate(socket: SyncSocket, connection: Connection, update: Uint8Array): void {
    if (!connection.access.canWrite()) {
      this.deps.metrics.count('sync_messages_rejected_total', { reason: 'read-only' })
      connection.missedRefusedWrites = true
      socket.send(writePermissionDeniedMessage('permission-denied'))
      return
    }
    // A client's sync step 2 is often empty; storing and relaying it would only grow the log.
    if (isEmptyUpdate(update)) return
    if (!this.acceptsContent(socket, connection, update)) return
    if (connection.missedRefusedWrites) {
      // Writable again (a lock ended) and this write is accepted: a sync step 1 makes the client send everything we refused or lack. Asking on a refused write would only bring the refused content back.
      connection.missedRefusedWrites = false
      connection.gappedUpdates = 0
      socket.send(writeSyncStep1Message(this.doc))
    }
    const pendingBefore = this.doc.store.pendingStructs?.update ?? null
    this.lastTransaction = null
    try {
      Y.applyUpdate(this.doc, update, socket)
    } catch (error) {
      const partial = this.lastTransaction
      if (partial && stateChanged(partial)) {
        // Part of a malformed update got in before Yjs gave up: the document no longer matches storage, so reload it from there.
        this.fail(new Error('a malformed update was partly applied', { cause: error }))
      }
      throw new MalformedMessage('update could not be applied', { cause: error })
    }
    const pendingAfter = this.doc.store.pendingStructs?.update ?? null
    if (pendingAfter !== null && pendingAfter !== pendingBefore) {
      // Yjs parks updates with missing dependencies and re-merges them on every later update: a client that keeps sending them slows the room.
      connection.gappedUpdates += 1
      if (connection.gappedUpdates > this.deps.maxPendingUpdatesPerClient) {
        this.deps.metrics.count('sync_messages_rejected_total', { reason: 'missing-dependencies' })
        this.deps.logger.warn({ boardId: this.boardId }, 'client keeps sending updates with missing dependencies')
        this.queueUpdate(update, socket)
        this.leave(socket)
        socket.close(CloseCode.policyViolation, 'too many updates with missing dependencies')
        return
      }
    } else {
      connection.gappedUpdates = 0
    }
    this.queueUpdate(update, socket)
  }

  /**
   * Refuses what the board's layout and tldraw's schema do not allow before
   * it touches the document: it is neither stored nor relayed. The client
   * gets permission-denied and, with its next write, a sync step 1, as after
   * a lock; a record or board over its size limit closes the connection. An
   * update whose place in the board is not known yet waits for nothing: the
   * client is asked at once for what the board lacks.
   */
  private acceptsContent(socket: SyncSocket, connection: Connection, update: Uint8Array): boolean {
    const { content } = this.deps
    if (this.snapshotBytes + this.logBytes + update.byteLength > content.maxBoardBytes) {
      this.deps.metrics.count('sync_messages_rejected_total', { reason: 'board-too-big' })
      this.leave(socket)
      socket.close(CloseCode.boardTooBig, 'the board is full')
      return false
    }
    let verdict
    try {
      verdict = checkBoardUpdate(this.doc, update, content)
    } catch (error) {
      throw new MalformedMessage('update could not be decoded', { cause: error })
    }
    if (verdict.ok) return true
    this.deps.metrics.count('sync_messages_rejected_total', { reason: verdict.kind })
    this.deps.logger.warn({ boardId: this.boardId, reason: verdict.reason }, 'refused board content')
    if (verdict.kind === 'record-too-big') {
      this.leave(socket)
      socket.close(CloseCode.messageTooBig, 'record too big')
      return false
    }
    if (verdict.kind === 'gapped') {
      // An honest client answers the sync step 1 with what the board lacks, the update's base included; one that keeps sending such updates is dropped, as below.
      if (++connection.gappedUpdates > this.deps.maxPendingUpdatesPerClient) {
        this.leave(socket)
        socket.close(CloseCode.policyViolation, 'too many updates with missing dependencies')
      } else {
        socket.send(writeSyncStep1Message(this.doc))
      }
      return false
    }
    connection.missedRefusedWrites = true
    socket.send(writePermissionDeniedMessage('permission-denied'))
    return false
  }

  private queueUpdate(update: Uint8Array, from: SyncSocket | null): void {
    this.fullStateMessage = null
    const batch = this.openBatch ?? this.openWriteBatch()
    batch.updates.push(update)
    batch.bytes += update.byteLength
    batch.outbound.push({ to: null, except: from, message: writeUpdateMessage(update), ...(from ? { clientUpdate: update } : {}) })
  }

  private openWriteBatch(): WriteBatch {
    let settle = (): void => undefined
    const done = new Promise<void>((resolve) => (settle = resolve))
    const batch: WriteBatch = { updates: [], bytes: 0, outbound: [], done, settle }
    this.openBatch = batch
    this.deps.writes.schedule(this)
    return batch
  }

  /** The newest batch whose messages are not yet delivered (open or being written). */
  private tailBatch(): WriteBatch | null {
    return this.openBatch ?? this.inFlight.at(-1) ?? null
  }

  private sendAfterWrites(outbound: Outbound): void {
    const tail = this.tailBatch()
    if (tail) {
      tail.outbound.push(outbound)
    } else {
      this.deliver(outbound)
    }
  }

  /**
   * Compaction re-encodes the whole board, which blocks the event loop for a
   * big board; it waits for a quiet moment, and only runs once the log is
   * long and at least half the size of the snapshot it will replace.
   */
  private scheduleCompaction(): void {
    // A board edited without a pause never has its quiet moment, and its log counts against the size cap: past half
    // the cap the log is compacted at once, or history alone would close its writers (4413) while the board holds little.
    const logNearCap = this.logBytes * 2 >= this.deps.content.maxBoardBytes
    if (this.compacting || (this.updatesSinceSnapshot < this.deps.compactAfterUpdates && !logNearCap) || this.logBytes * 2 < this.snapshotBytes) return
    if (this.compactionTimer) clearTimeout(this.compactionTimer)
    const forced = logNearCap || this.updatesSinceSnapshot >= this.deps.compactAfterUpdates * FORCED_COMPACTION_FACTOR
    this.compactionTimer = setTimeout(() => {
      this.compactionTimer = null
      this.compacting = this.compact().finally(() => {
        this.compacting = null
      })
    }, forced ? 0 : this.deps.compactIdleMs)
    this.compactionTimer.unref()
  }

  /**
   * What a stored batch sends, in order; a run of updates goes out as one
   * merged update per recipient. Under load one turn gathers many updates,
   * and one frame per recipient instead of one per update is what keeps a
   * room of hundreds from falling behind (Hocuspocus's flush does the same).
   * The merge is encoded once for everyone who wrote none of the run; a
   * writer gets the others' updates merged, never its own back. Only
   * clients' updates are merged: they passed the content check, so none can
   * spoil the others. The server's own changes (a template, a reveal, a
   * restore) go out one by one, as a board from before the check may hold
   * records a client skips, update by update.
   */
  private deliverBatch(outbound: readonly Outbound[]): void {
    let run: ClientUpdate[] = []
    const sendRun = (): void => {
      if (run.length === 1 && run[0]) this.deliver(run[0])
      else if (run.length > 1) this.broadcastMerged(run)
      run = []
    }
    for (const item of outbound) {
      if (isClientUpdate(item)) {
        run.push(item)
      } else {
        sendRun()
        this.deliver(item)
      }
    }
    sendRun()
  }

  private broadcastMerged(run: readonly ClientUpdate[]): void {
    const mergedWithout = (writer: SyncSocket | null): Uint8Array | null => {
      const updates = run.filter((item) => item.except !== writer).map((item) => item.clientUpdate)
      return updates.length === 0 ? null : writeUpdateMessage(Y.mergeUpdates(updates))
    }
    const forEveryone = mergedWithout(null)
    const forWriters = new Map<SyncSocket, Uint8Array | null>()
    for (const item of run) if (item.except && !forWriters.has(item.except)) forWriters.set(item.except, mergedWithout(item.except))
    for (const socket of this.connections.keys()) {
      const message = forWriters.has(socket) ? forWriters.get(socket) : forEveryone
      if (message) sendIfOpen(socket, message)
    }
  }

  private deliver(outbound: Outbound): void {
    if (outbound.to) {
      if (this.connections.has(outbound.to)) sendIfOpen(outbound.to, outbound.message)
      return
    }
    for (const socket of this.connections.keys()) {
      if (socket !== outbound.except) sendIfOpen(socket, outbound.message)
    }
  }

  /**
   * Applies what storage holds that the document lacks, and sends it to the
   * local clients: a relay gap, or updates other processes stored that the
   * relay has not delivered yet.
   */
  private catchUp(stored: StoredBoard): void {
    const missing: Uint8Array[] = []
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin === RELAYED_ORIGIN) missing.push(update)
    }
    this.doc.on('update', capture)
    try {
      this.doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
        for (const update of stored.updates) Y.applyUpdate(this.doc, update)
      }, RELAYED_ORIGIN)
    } finally {
      this.doc.off('update', capture)
    }
    if (missing.length === 0) return
    this.fullStateMessage = null
    for (const update of missing) this.deliver({ to: null, except: null, message: writeUpdateMessage(update) })
  }

  private async compact(): Promise<void> {
    if (!this.deps.relay.shared) {
      await this.storeSnapshotUpTo(this.lastSeq)
      return
    }
    // Other processes append to the same log: the snapshot may only drop what this document is known to hold, and two compactions must not interleave.
    try {
      await this.deps.relay.exclusive(`compact:${this.boardId}`, async () => {
        const stored = await this.deps.store.loadBoard(this.boardId)
        if (this.failed) return
        this.catchUp(stored)
        await this.storeSnapshotUpTo(stored.lastSeq)
      })
    } catch (error) {
      this.deps.logger.error({ boardId: this.boardId, err: error }, 'compaction failed; the update log is kept')
    }
  }

  private async storeSnapshotUpTo(uptoSeq: number): Promise<void> {
    const compacted = this.updatesSinceSnapshot
    const compactedBytes = this.logBytes
    // Everything up to uptoSeq is applied to the doc, so its state covers the updates being dropped.
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    try {
      await this.deps.store.storeSnapshot(this.boardId, snapshot, uptoSeq)
      this.updatesSinceSnapshot -= compacted
      this.logBytes -= compactedBytes
      this.snapshotBytes = snapshot.byteLength
      this.deps.metrics.count('board_compactions_total')
    } catch (error) {
      this.deps.logger.error({ boardId: this.boardId, err: error }, 'compaction failed; the update log is kept')
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.deps.logger.error({ boardId: this.boardId, err: error }, 'board room failed; its clients reconnect and it reloads from storage')
    for (const socket of this.connections.keys()) {
      socket.close(CloseCode.internalError, 'storage failure')
    }
    this.connections.clear()
    if (this.compactionTimer) clearTimeout(this.compactionTimer)
    for (const batch of this.inFlight) batch.settle()
    this.openBatch?.settle()
    this.presence.destroy()
    this.doc.off('afterTransaction', this.rememberTransaction)
    this.deps.onFailure(this)
  }
}

function sendIfOpen(socket: SyncSocket, message: Uint8Array): void {
  if (socket.isOpen) socket.send(message)
}
