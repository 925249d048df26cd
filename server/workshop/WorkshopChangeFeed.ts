/** A workshop state another process may hold in memory has changed (a new stored version) or gone (its event was deleted). */
export type WorkshopChangeNotice = { eventId: string; version: number } | { eventId: string; deleted: true }

/**
 * Tells the other server processes of workshop changes made here, and this
 * one of theirs, so none keeps answering from an old state (board locks,
 * timers, a late joiner's first state). Only what changed travels; each
 * process reads the state itself from the shared store.
 */
export interface WorkshopChangeFeed {
  announce(notice: WorkshopChangeNotice): void
  /**
   * Notices from the other processes, never this one's own; `onGap` when
   * notices may have been lost (the feed was away), so every state held in
   * memory must be read again.
   */
  listen(handlers: { onNotice: (notice: WorkshopChangeNotice) => void; onGap: () => void }): void
}
