import type { Server } from 'socket.io'
import type { BoardRelay } from './sync/BoardRelay.ts'
import { LocalBoardRelay } from './sync/LocalBoardRelay.ts'
import { InProcessEventCommandLock, type EventCommandLock } from './workshop/EventCommandLock.ts'
import type { WorkshopChangeFeed } from './workshop/WorkshopChangeFeed.ts'

/** What lets several server processes serve the same boards and events; for one process, all of it stays in memory. */
export interface ScaleOut {
  readonly relay: BoardRelay
  readonly commandLock: EventCommandLock
  readonly workshopFeed: WorkshopChangeFeed | undefined
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
    attach: () => undefined,
    unreadyReason: () => Promise.resolve(null),
    close: () => Promise.resolve(),
  }
}
