import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { claimsFacilitator } from '../../shared/presenceMeta.ts'
import type { Metrics } from '../metrics.ts'
import { writeAwarenessMessage } from './protocol.ts'
import type { SyncSocket } from './SyncSocket.ts'

export interface AwarenessLimits {
  /** Largest JSON state of one awareness entry; a bigger one is refused. */
  maxStateBytes: number
  /** Awareness messages one connection may have applied per second; more wait and only the newest is kept. */
  maxUpdatesPerSecond: number
}

interface Peer {
  ids: Set<number>
  /** Tokens of the rate limit, refilled continuously up to one second's worth. */
  tokens: number
  refilledAt: number
  /** The newest message that arrived over the rate; awareness is a state, so older ones are worth nothing. */
  deferred: Uint8Array | null
  /** Ids whose change this peer has not been sent, because its send buffer was full. */
  unsent: Set<number>
  lastHeardAt: number
  /** Whether its states may carry the facilitator mark (shared/presenceMeta.ts). */
  facilitates: boolean
}

/** The origin of presence that clients on other processes set; it was checked there and is not published again. */
const RELAYED = Symbol('relayed presence')

/** Client ids one connection may introduce; a stock client has one, a tab with several docs a few. */
const MAX_IDS_PER_CONNECTION = 8
/** A connection that is this far behind gets presence later, coalesced, instead of queued. */
const SLOW_PEER_BYTES = 64 * 1024
/** How often presence held back from slow peers or over the rate is looked at again. */
const RETRY_MS = 100
/**
 * A client reconnecting after a network change keeps its doc's client id,
 * while the server may still hold its old, half-open socket. An id may move
 * to a new connection once its owner has been silent this long: a live
 * stock client renews its state every 15 s.
 */
const ABANDONED_AFTER_MS = 20_000

/**
 * A room's presence. Each connection may only set and remove the client ids
 * it introduced, within a size cap and a rate; changes are coalesced and
 * broadcast once per event-loop turn, and a peer that falls behind gets the
 * newest states of what changed once it has caught up, not every step.
 */
export class AwarenessRelay {
  readonly awareness: awarenessProtocol.Awareness
  private readonly peers = new Map<SyncSocket, Peer>()
  private readonly owners = new Map<number, SyncSocket>()
  private changed = new Set<number>()
  private changedBy = new Set<SyncSocket | null>()
  /** Ids whose change a connection of this process made, to publish to the other processes. */
  private changedHere = new Set<number>()
  private publishLocal: ((update: Uint8Array) => void) | null = null
  private flushQueued = false
  private retryTimer: NodeJS.Timeout | null = null

  constructor(
    doc: Y.Doc,
    private readonly limits: AwarenessLimits,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.handleChange)
  }

  join(socket: SyncSocket, facilitates: boolean): void {
    this.peers.set(socket, {
      ids: new Set(),
      tokens: this.limits.maxUpdatesPerSecond,
      refilledAt: this.now(),
      deferred: null,
      unsent: new Set(),
      lastHeardAt: this.now(),
      facilitates,
    })
    this.sendAll(socket)
  }

  leave(socket: SyncSocket): void {
    const peer = this.peers.get(socket)
    if (!peer) return
    this.peers.delete(socket)
    for (const id of peer.ids) this.owners.delete(id)
    if (peer.ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(peer.ids), null)
  }

  sendAll(socket: SyncSocket): void {
    const ids = Array.from(this.awareness.getStates().keys())
    if (ids.length > 0) socket.send(writeAwarenessMessage(this.awareness, ids))
  }

  /** Hands the presence changes of this process's own connections, coalesced per turn, to `publish` (for other processes). */
  onLocalChange(publish: (update: Uint8Array) => void): void {
    this.publishLocal = publish
  }

  /** Presence of clients on another process, already checked there. */
  applyRelayed(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, RELAYED)
  }

  /** The states this process's connections own; null when there is none. */
  encodeLocal(): Uint8Array | null {
    const ids = Array.from(this.owners.keys()).filter((id) => this.awareness.getStates().has(id))
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null
  }

  /** Throws on a malformed update, before anything is applied. */
  handleUpdate(socket: SyncSocket, update: Uint8Array): void {
    const peer = this.peers.get(socket)
    if (!peer) return
    peer.lastHeardAt = this.now()
    const allowed = this.filter(socket, peer, update)
    if (!allowed) return
    this.refill(peer)
    if (peer.tokens < 1) {
      peer.deferred = allowed
      this.metrics.count('sync_awareness_deferred_total')
      this.scheduleRetry()
      return
    }
    peer.tokens -= 1
    peer.deferred = null
    awarenessProtocol.applyAwarenessUpdate(this.awareness, allowed, socket)
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.awareness.off('update', this.handleChange)
    this.awareness.destroy()
  }

  /** The entries of `update` this peer may write, re-encoded; null when none is left. */
  private filter(socket: SyncSocket, peer: Peer, update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const encoder = encoding.createEncoder()
    let kept = 0
    const entries: Array<[number, number, string, unknown]> = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      // Parsed here so that a deferred update, applied later from a timer, cannot throw.
      const parsed: unknown = state.length <= this.limits.maxStateBytes ? JSON.parse(state) : null
      entries.push([clientId, clock, state, parsed])
    }
    for (const [clientId, clock, state, parsed] of entries) {
      const refusal = this.refusal(socket, peer, clientId, state, parsed)
      if (refusal) {
        this.metrics.count('sync_messages_rejected_total', { reason: refusal })
        continue
      }
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, state)
      kept += 1
    }
    if (kept === 0) return null
    const out = encoding.createEncoder()
    encoding.writeVarUint(out, kept)
    encoding.writeUint8Array(out, encoding.toUint8Array(encoder))
    return encoding.toUint8Array(out)
  }

  private refusal(socket: SyncSocket, peer: Peer, clientId: number, state: string, parsed: unknown): string | null {
    if (state.length > this.limits.maxStateBytes) return 'awareness-too-large'
    if (!peer.facilitates && claimsFacilitator(parsed)) return 'awareness-forged-facilitator'
    const owner = this.owners.get(clientId)
    if (owner === socket) return null
    if (owner !== undefined) {
      const ownerPeer = this.peers.get(owner)
      if (ownerPeer && this.now() - ownerPeer.lastHeardAt < ABANDONED_AFTER_MS) return 'awareness-foreign-id'
      ownerPeer?.ids.delete(clientId)
    } else if (state === 'null') {
      // Removing a state nobody here introduced: either long gone or someone else's.
      return 'awareness-foreign-id'
    }
    if (peer.ids.size >= MAX_IDS_PER_CONNECTION) return 'awareness-too-many-ids'
    peer.ids.add(clientId)
    this.owners.set(clientId, socket)
    return null
  }

  private refill(peer: Peer): void {
    const now = this.now()
    const rate = this.limits.maxUpdatesPerSecond
    peer.tokens = Math.min(rate, peer.tokens + ((now - peer.refilledAt) / 1000) * rate)
    peer.refilledAt = now
  }

  private readonly handleChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // A removed state (by its owner, a leave or y-protocols' timeout) belongs to nobody any more.
    for (const id of removed) {
      const owner = this.owners.get(id)
      this.owners.delete(id)
      if (owner) this.peers.get(owner)?.ids.delete(id)
    }
    for (const id of added) this.changed.add(id)
    for (const id of updated) this.changed.add(id)
    for (const id of removed) this.changed.add(id)
    if (added.length + updated.length + removed.length === 0) return
    // A connection here (or its leave, origin null) changed it; y-protocols' timeouts happen on every process by themselves.
    if (origin === null || this.peers.has(origin as SyncSocket)) {
      for (const id of [...added, ...updated, ...removed]) this.changedHere.add(id)
    }
    this.changedBy.add(this.peers.has(origin as SyncSocket) ? (origin as SyncSocket) : null)
    if (!this.flushQueued) {
      this.flushQueued = true
      setImmediate(this.flush)
    }
  }

  private readonly flush = (): void => {
    this.flushQueued = false
    const changed = Array.from(this.changed)
    // Only when one connection caused every change can it be skipped; otherwise its own state coming back is harmless.
    const soleOrigin = this.changedBy.size === 1 ? Array.from(this.changedBy)[0] : null
    const changedHere = Array.from(this.changedHere)
    this.changed = new Set()
    this.changedBy = new Set()
    this.changedHere = new Set()
    if (changedHere.length > 0) this.publishLocal?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changedHere))
    if (changed.length === 0) return
    const message = writeAwarenessMessage(this.awareness, changed)
    for (const [socket, peer] of this.peers) {
      if (socket === soleOrigin || !socket.isOpen) continue
      if (socket.bufferedBytes > SLOW_PEER_BYTES) {
        for (const id of changed) peer.unsent.add(id)
        this.scheduleRetry()
      } else {
        socket.send(message)
      }
    }
  }

  private scheduleRetry(): void {
    this.retryTimer ??= setTimeout(this.retry, RETRY_MS).unref()
  }

  private readonly retry = (): void => {
    this.retryTimer = null
    let waiting = false
    for (const [socket, peer] of this.peers) {
      if (peer.deferred) {
        this.refill(peer)
        if (peer.tokens >= 1) {
          const deferred = peer.deferred
          peer.tokens -= 1
          peer.deferred = null
          awarenessProtocol.applyAwarenessUpdate(this.awareness, deferred, socket)
        } else {
          waiting = true
        }
      }
      if (peer.unsent.size === 0) continue
      if (socket.bufferedBytes > SLOW_PEER_BYTES) {
        waiting = true
        continue
      }
      const ids = Array.from(peer.unsent).filter((id) => this.awareness.meta.has(id))
      peer.unsent.clear()
      if (ids.length > 0 && socket.isOpen) socket.send(writeAwarenessMessage(this.awareness, ids))
    }
    if (waiting) this.scheduleRetry()
  }
}
