/**
 * When a peer's pointer was last active, on this device's clock.
 *
 * tldraw stamps `lastActivityTimestamp` with the sender's clock, and a
 * phone's clock can be minutes off ours: compared with our `Date.now()`, a
 * moving cursor could look idle for good, or an idle one active. So we keep
 * the time we *received* a new stamp instead. A peer we meet already
 * present counts as not yet active (0, tldraw's "never"), so an idle
 * cursor does not flash up for everyone who joins.
 */
export function localActivityTime(sentStamp: number | null, previous: { sentStamp: number | null; localTime: number } | undefined, now: number): number {
  if (previous === undefined) return 0
  return sentStamp !== previous.sentStamp && sentStamp ? now : previous.localTime
}
