/** What a relay needs of an open board to hand it what other processes did. */
export interface RelayedBoard {
  readonly boardId: string
  /** An update another process stored and is relaying; applying one twice is harmless. */
  applyRelayedUpdate(update: Uint8Array): void
  /** Presence of clients on another process (a y-protocols awareness update). */
  applyRelayedAwareness(update: Uint8Array): void
  /** The presence of this process's own clients, for a process that just opened the board; null when there is none. */
  localAwareness(): Uint8Array | null
  /** The relay may have missed changes (Redis restarted): reload what is stored and send local clients what they lack. */
  resync(): Promise<void>
  /** Another process deleted the board: cut off its clients here and drop what they may have stored since. */
  deletedElsewhere(): void
}

/**
 * How board changes reach the same board's clients on other server
 * processes. A room stores an update first and only then publishes it, so a
 * relayed update is always durable; a room follows its board from a position
 * taken before it loaded, so nothing falls between the load and the relay.
 */
export interface BoardRelay {
  /** True when other processes may change the same boards (compaction must then read what they stored). */
  readonly shared: boolean
  /** Where the board's relayed changes stand now; null when nothing is relayed. */
  position(boardId: string): Promise<string | null>
  /** Starts handing the board what other processes publish after `from`. */
  follow(board: RelayedBoard, from: string | null): void
  /** Stops it: a closed room holds nothing, here or in the relay. */
  unfollow(boardId: string): void
  publishUpdate(boardId: string, update: Uint8Array): void
  publishAwareness(boardId: string, update: Uint8Array): void
  /** The board is being deleted here; processes that have it open cut off their clients too. */
  publishDeleted(boardId: string): void
  /** Runs `work` while no other process runs work under the same name (a board's compaction). */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>
  close(): Promise<void>
}
