import type { Server } from 'socket.io'
import type { BoardRelay } from './sync/BoardRelay.ts'
import { LocalBoardRelay } from './sync/LocalBoardRelay.ts'
import { InProcessEventCommandLock, type EventCommandLock } from './workshop/EventCommandLock.ts'
import type { WorkshopChangeFeed } from './workshop/WorkshopChangeFeed.ts'

/** Links revoked on one process, for the others to cut off the board connections opened with them. */
export interface LinkRevocations {
  announce(linkIds: readonly string[]): void
  /** Revocations on the other processes, never this one's own. */
  listen(handler: (linkIds: readonly string[]) => void): void
}

/** What lets several server processes serve the same boards and events; for one process, all of it stays in memory. */
export interface ScaleOut {
  readonly relay: BoardRelay
  readonly commandLock: EventCommandLock
  readonly workshopFeed: WorkshopChangeFeed | undefined
  readonly linkRevocations: LinkRevocations | undefined
  /** Makes socket.io rooms span the processes. */
  attach(io: Server): void
  /** Why this process cannot serve now, or null when it can. */
  unreadyReason(): Promise<string | null>
  close(): Promise<void>
}

export function singleProcess(): ScaleOut {
  return {
    relay: new LocalBoardRelay(),
    commandLock: new InProcessEventCommandLock(),
    workshopFeed: undefined,
    linkRevocations: undefined,
    attach: () => undefined,
    unreadyReason: () => Promise.resolve(null),
    close: () => Promise.resolve(),
  }
}
