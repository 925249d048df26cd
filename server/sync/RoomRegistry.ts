import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import type { BoardStore, StoredBoard } from '../storage/BoardStore.ts'
import type { AwarenessLimits } from './AwarenessRelay.ts'
import { BoardRoom, type BoardRoomDeps } from './BoardRoom.ts'
import type { BoardRelay } from './BoardRelay.ts'
import { LocalBoardRelay } from './LocalBoardRelay.ts'
import { WriteCoalescer } from './WriteCoalescer.ts'

export interface RoomRegistryDeps {
  store: BoardStore
  logger: Logger
  metrics: Metrics
  compactAfterUpdates: number
  compactIdleMs: number
  maxPendingUpdatesPerClient: number
  awareness: AwarenessLimits
  content: BoardRoomDeps['content']
  /** Other processes serving the same boards; by default there are none. */
  relay?: BoardRelay
  /** After a batch of a room's updates is stored, e.g. for automatic versions. */
  onUpdatesStored?: (room: BoardRoom) => void
}

export class BoardUnreadableError extends Error {
  constructor(
    readonly boardId: string,
    cause: unknown,
  ) {
    super(`stored board ${boardId} cannot be decoded`, { cause })
  }
}

/**
 * Owns the open rooms. A board is loaded at most once however many clients
 * arrive together (they share the pending load), and is unloaded when its
 * last client has left and its writes are stored.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, BoardRoom>()
  private readonly loading = new Map<string, Promise<BoardRoom>>()
  private readonly unloading = new Set<Promise<void>>()

  private readonly writes: WriteCoalescer
  private readonly relay: BoardRelay

  constructor(private readonly deps: RoomRegistryDeps) {
    this.writes = new WriteCoalescer(deps.store, deps.logger, deps.metrics)
    this.relay = deps.relay ?? new LocalBoardRelay()
    deps.metrics.gauge('rooms_open', () => this.rooms.size)
  }

  get openRoomCount(): number {
    return this.rooms.size
  }

  /** Ids of the documents open or opening here. */
  openIds(): string[] {
    return [...new Set([...this.rooms.keys(), ...this.loading.keys()])]
  }

  open(boardId: string): Promise<BoardRoom> {
    const room = this.rooms.get(boardId)
    if (room) return Promise.resolve(room)
    const pending = this.loading.get(boardId)
    if (pending) return pending
    const load = this.loadRoom(boardId).finally(() => this.loading.delete(boardId))
    this.loading.set(boardId, load)
    return load
  }

  /** Call after a connection left the room (or never joined it). */
  release(room: BoardRoom): void {
    if (room.inUse) return
    void room.whenWritten().then(() => {
      if (room.inUse || this.rooms.get(room.boardId) !== room) return
      this.forget(room.boardId)
      this.trackUnload(room)
    })
  }

  /**
   * Unloads the boards without storing anything more of them, once their
   * writes in flight are stored: for boards being deleted, whose clients are
   * already cut off. A final snapshot would bring back what is deleted next.
   */
  async discard(boardIds: readonly string[]): Promise<void> {
    for (const boardId of boardIds) this.relay.publishDeleted(boardId)
    await this.discardHere(boardIds)
  }

  private async discardHere(boardIds: readonly string[]): Promise<void> {
    await Promise.allSettled(boardIds.map((boardId) => this.loading.get(boardId)))
    await Promise.all(this.unloading)
    const unloads: Promise<void>[] = []
    for (const boardId of boardIds) {
      const room = this.rooms.get(boardId)
      if (!room) continue
      this.forget(boardId)
      unloads.push(room.unload({ discard: true }))
    }
    await Promise.all(unloads)
  }

  /** Stores and unloads every room; for a graceful shutdown. */
  async closeAll(): Promise<void> {
    await Promise.allSettled(this.loading.values())
    for (const room of this.rooms.values()) {
      this.relay.unfollow(room.boardId)
      this.trackUnload(room)
    }
    this.rooms.clear()
    await Promise.all(this.unloading)
  }

  /** Synchronous with dropping the room, so a room that opens the board next is the one the relay follows. */
  private forget(boardId: string): void {
    this.rooms.delete(boardId)
    this.relay.unfollow(boardId)
  }

  private trackUnload(room: BoardRoom): void {
    const unload = room
      .unload()
      .catch((error: unknown) => this.deps.logger.error({ boardId: room.boardId, err: error }, 'unloading failed'))
      .finally(() => this.unloading.delete(unload))
    this.unloading.add(unload)
  }

  private async loadRoom(boardId: string): Promise<BoardRoom> {
    // Taken before the load: what other processes publish meanwhile is read again, and applying it twice is harmless.
    const position = await this.relay.position(boardId)
    const stored = await this.deps.store.loadBoard(boardId)
    const doc = new Y.Doc()
    try {
      applyStoredBoard(doc, stored)
    } catch (error) {
      doc.destroy()
      this.deps.metrics.count('board_loads_failed_total')
      throw new BoardUnreadableError(boardId, error)
    }
    this.deps.metrics.count('board_loads_total')
    const stats = {
      updateCount: stored.updates.length,
      logBytes: stored.updates.reduce((sum, update) => sum + update.byteLength, 0),
      snapshotBytes: stored.snapshot?.byteLength ?? 0,
    }
    const room = new BoardRoom(boardId, doc, stored.lastSeq, stats, {
      ...this.deps,
      writes: this.writes,
      relay: this.relay,
      onFailure: (failed) => {
        if (this.rooms.get(failed.boardId) === failed) this.forget(failed.boardId)
        failed.doc.destroy()
      },
      // Its clients here may have stored edits after the deleting process removed the board: those go too.
      onDeletedElsewhere: (deleted) => {
        this.discardHere([deleted.boardId])
          .then(() => this.deps.store.deleteBoard(deleted.boardId))
          .catch((error: unknown) => this.deps.logger.error({ boardId: deleted.boardId, err: error }, 'dropping a board deleted elsewhere failed'))
      },
    })
    this.rooms.set(boardId, room)
    this.relay.follow(room, position)
    return room
  }
}

function applyStoredBoard(doc: Y.Doc, stored: StoredBoard): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
  })
}
