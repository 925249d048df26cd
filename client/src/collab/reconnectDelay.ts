export const RECONNECT_BASE_DELAY_MS = 500
export const RECONNECT_MAX_DELAY_MS = 15_000
/** After the network comes back, phones on one access point all notice at once; spread them over this window. */
export const BACK_ONLINE_SPREAD_MS = 3_000

/**
 * Exponential backoff with "full jitter": a random delay between zero and
 * the exponential bound. 80 phones that lost the same access point then
 * reconnect spread over the window instead of in lockstep.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_BASE_DELAY_MS * 2 ** Math.max(0, attempt))
  return Math.round(random() * bound)
}
