/** What storage holds of one board: the last snapshot and the updates appended after it. */
export interface StoredBoard {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** Sequence number of the newest stored update (0 when there is none). */
  lastSeq: number
}

/** Updates of one board, in the order they were applied. */
export interface PendingWrite {
  boardId: string
  updates: readonly Uint8Array[]
}

/**
 * Durable home of board documents. Implementations must make an append
 * visible to `loadBoard` once its promise resolves, because the room relays
 * an update only after that.
 */
export interface BoardStore {
  loadBoard(boardId: string): Promise<StoredBoard>
  /** Appends every board's updates in order, all in one transaction; resolves to each write's last sequence number. */
  appendBatches(writes: readonly PendingWrite[]): Promise<number[]>
  /**
   * Replaces the snapshot and drops every update up to and including `uptoSeq`.
   * A store that several processes share also keeps what those updates hold
   * when `snapshot` lacks it (another process stored them), and may skip the
   * call while another process compacts the board.
   */
  storeSnapshot(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>
  /** Drops everything stored of the board, wherever it waits; its room must be unloaded first, or its next write brings it back. */
  deleteBoard(boardId: string): Promise<void>
  /** Ids of the stored documents whose id starts with `prefix`, wherever their updates wait. */
  listDocumentIds(prefix: string): Promise<string[]>
}
