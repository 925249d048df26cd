import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import type { BoardStore } from '../storage/BoardStore.ts'
import { hasClockGap } from './hasClockGap.ts'
import {
  MessageType,
  writeAwarenessMessage,
  writePermissionDeniedMessage,
  writeSyncStep1Message,
  writeSyncStep2Message,
  writeUpdateMessage,
} from './protocol.ts'
import type { ConnectionAccess, SyncSocket } from './SyncSocket.ts'

export interface BoardRoomDeps {
  store: BoardStore
  logger: Logger
  metrics: Metrics
  compactAfterUpdates: number
  maxPendingUpdatesPerClient: number
  onUpdatesStored?: (room: BoardRoom) => void
  /** Called once when storage fails; the owner drops the room so it reloads from what was stored. */
  onFailure: (room: BoardRoom) => void
}

interface Connection {
  access: ConnectionAccess
  /** Awareness client ids this connection announced, removed for everyone when it leaves. */
  awarenessIds: Set<number>
  gappedUpdates: number
  /** Set when an update was refused: the client's later updates build on it, so it must resend what we lack. */
  missedRefusedWrites: boolean
}

interface Outbound {
  /** One recipient, or null for every connection but `except`. */
  to: SyncSocket | null
  except: SyncSocket | null
  message: Uint8Array
}

interface WriteBatch {
  updates: Uint8Array[]
  outbound: Outbound[]
  /** Settles once this batch is stored and delivered (or the room failed). */
  done: Promise<void>
}

class MalformedMessage extends Error {}

const SERVER_ORIGIN = Symbol('server change')

/**
 * One board's document, awareness and connections. An inbound update is
 * applied, appended to storage together with everything else that arrived
 * in the same event-loop turn, and only then relayed: what any client saw is
 * already stored. Replies that carry document state wait for the same write.
 */
export class BoardRoom {
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Map<SyncSocket, Connection>()
  private openBatch: WriteBatch | null = null
  /** The newest batch whose messages are not yet delivered (open or being written). */
  private tailBatch: WriteBatch | null = null
  private writeChain: Promise<void> = Promise.resolve()
  private updatesSinceSnapshot: number
  private compacting: Promise<void> | null = null
  private failed = false
  private holds = 0

  constructor(
    readonly boardId: string,
    readonly doc: Y.Doc,
    private lastSeq: number,
    storedUpdateCount: number,
    private readonly deps: BoardRoomDeps,
  ) {
    this.updatesSinceSnapshot = storedUpdateCount
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.handleAwarenessChange)
  }

  get connectionCount(): number {
    return this.connections.size
  }

  get isFailed(): boolean {
    return this.failed
  }

  join(socket: SyncSocket, access: ConnectionAccess): void {
    this.connections.set(socket, { access, awarenessIds: new Set(), gappedUpdates: 0, missedRefusedWrites: false })
    socket.send(writeSyncStep1Message(this.doc))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      socket.send(writeAwarenessMessage(this.awareness, Array.from(states.keys())))
    }
  }

  leave(socket: SyncSocket): void {
    const connection = this.connections.get(socket)
    if (!connection) return
    this.connections.delete(socket)
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(connection.awarenessIds), null)
    }
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
          this.handleAwarenessMessage(socket, connection, decoding.readVarUint8Array(decoder))
          break
        case MessageType.queryAwareness:
          socket.send(writeAwarenessMessage(this.awareness, Array.from(this.awareness.getStates().keys())))
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
    for (const update of captured) {
      const batch = this.openBatch ?? this.openWriteBatch()
      batch.updates.push(update)
      batch.outbound.push({ to: null, except: null, message: writeUpdateMessage(update) })
    }
  }

  /** Resolves once every update received so far is stored and relayed. */
  whenWritten(): Promise<void> {
    return this.tailBatch?.done ?? this.writeChain
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

  /** Stores a final snapshot if the log has grown, then frees the document. */
  async unload(): Promise<void> {
    await this.writeChain
    await this.compacting
    if (!this.failed && this.updatesSinceSnapshot > 0) {
      await this.compact()
    }
    this.awareness.off('update', this.handleAwarenessChange)
    this.awareness.destroy()
    this.doc.destroy()
  }

  private handleSyncMessage(socket: SyncSocket, connection: Connection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const reply = writeSyncStep2Message(this.doc, decoding.readVarUint8Array(decoder))
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
    if (connection.missedRefusedWrites) {
      // Writable again (a lock ended): a sync step 1 makes the client send everything we refused or lack.
      connection.missedRefusedWrites = false
      connection.gappedUpdates = 0
      socket.send(writeSyncStep1Message(this.doc))
    }
    // Decoding first means a malformed update is refused before any of it touches the document.
    const decoded = Y.decodeUpdate(update)
    // A client's sync step 2 is often empty; storing and relaying it would only grow the log.
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return
    if (hasClockGap(decoded.structs, this.doc)) {
      connection.gappedUpdates += 1
      if (connection.gappedUpdates > this.deps.maxPendingUpdatesPerClient) {
        this.deps.metrics.count('sync_messages_rejected_total', { reason: 'missing-dependencies' })
        this.deps.logger.warn({ boardId: this.boardId }, 'client keeps sending updates with missing dependencies')
        this.leave(socket)
        socket.close(CloseCode.policyViolation, 'too many updates with missing dependencies')
        return
      }
    } else {
      connection.gappedUpdates = 0
    }
    Y.applyUpdate(this.doc, update, socket)
    const batch = this.openBatch ?? this.openWriteBatch()
    batch.updates.push(update)
    batch.outbound.push({ to: null, except: socket, message: writeUpdateMessage(update) })
  }

  private handleAwarenessMessage(socket: SyncSocket, connection: Connection, update: Uint8Array): void {
    if (!connection.access.sharesPresence) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, socket)
  }

  private readonly handleAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const connection = this.connections.get(origin as SyncSocket)
    if (connection) {
      for (const id of added) connection.awarenessIds.add(id)
      for (const id of removed) connection.awarenessIds.delete(id)
    }
    const changed = added.concat(updated, removed)
    if (changed.length === 0) return
    const message = writeAwarenessMessage(this.awareness, changed)
    // Presence does not need to wait for storage; it carries no document state.
    for (const socket of this.connections.keys()) {
      if (socket !== origin) sendIfOpen(socket, message)
    }
  }

  private openWriteBatch(): WriteBatch {
    let markDone = (): void => undefined
    const done = new Promise<void>((resolve) => (markDone = resolve))
    const batch: WriteBatch = { updates: [], outbound: [], done }
    this.openBatch = batch
    this.tailBatch = batch
    setImmediate(() => {
      this.flush(batch)
      void this.writeChain.then(markDone)
    })
    return batch
  }

  private sendAfterWrites(outbound: Outbound): void {
    if (this.tailBatch) {
      this.tailBatch.outbound.push(outbound)
    } else {
      this.deliver(outbound)
    }
  }

  private flush(batch: WriteBatch): void {
    if (this.openBatch === batch) this.openBatch = null
    this.writeChain = this.writeChain.then(async () => {
      if (this.failed) return
      try {
        this.lastSeq = await this.deps.store.appendUpdates(this.boardId, batch.updates)
      } catch (error) {
        this.fail(error)
        return
      }
      this.deps.metrics.count('board_updates_stored_total', {}, batch.updates.length)
      this.updatesSinceSnapshot += batch.updates.length
      if (this.tailBatch === batch) this.tailBatch = null
      for (const outbound of batch.outbound) this.deliver(outbound)
      this.deps.onUpdatesStored?.(this)
      if (this.updatesSinceSnapshot >= this.deps.compactAfterUpdates && !this.compacting) {
        this.compacting = new Promise((resolve) => setImmediate(resolve))
          .then(() => this.compact())
          .finally(() => {
            this.compacting = null
          })
      }
    })
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

  private async compact(): Promise<void> {
    const uptoSeq = this.lastSeq
    const compacted = this.updatesSinceSnapshot
    // Everything up to lastSeq is applied to the doc, so its state covers the updates being dropped.
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    try {
      await this.deps.store.storeSnapshot(this.boardId, snapshot, uptoSeq)
      this.updatesSinceSnapshot -= compacted
      this.deps.metrics.count('board_compactions_total')
    } catch (error) {
      this.deps.logger.error({ boardId: this.boardId, err: error }, 'compaction failed; the update log is kept')
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.deps.logger.error({ boardId: this.boardId, err: error }, 'storing an update failed; closing the room')
    for (const socket of this.connections.keys()) {
      socket.close(CloseCode.internalError, 'storage failure')
    }
    this.connections.clear()
    this.awareness.off('update', this.handleAwarenessChange)
    this.awareness.destroy()
    this.deps.onFailure(this)
  }
}

function sendIfOpen(socket: SyncSocket, message: Uint8Array): void {
  if (socket.isOpen) socket.send(message)
}
