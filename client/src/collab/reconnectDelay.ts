import { CloseCode } from '../../../shared/closeCodes.ts'

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

/** After a restart announcement, attempts come this often (spread over the window) until the server is back. */
export const RESTART_RETRY_SPREAD_MS = 250
/** How long after 1012 attempts stay quick; a restart that takes longer falls back to the backoff. */
export const RESTART_RETRY_WINDOW_MS = 15_000
/**
 * How long attempts stay quick after a live connection was cut without a
 * close frame: a server killed under a process manager is back in about a
 * second, and a path that stays broken falls back to the backoff soon.
 */
export const CRASH_RETRY_WINDOW_MS = 5_000

/**
 * When to try again after a close. A server that says it restarts (1012)
 * listens again within seconds, so its clients come back at once and keep
 * trying every fraction of a second, each at a random moment of the
 * spread so a room's phones do not arrive in lockstep. A synced connection
 * that ends without a close frame (1006: the server was killed, or the
 * path broke) gets the same quick tries for a few seconds, since a crashed
 * server is restarted at once; any other close, and every try after that,
 * backs off with full jitter.
 */
export class ReconnectSchedule {
  private attempts = 0
  private quickUntil = 0
  private wasSynced = false

  constructor(
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  delayAfterClose(code: number | null): number {
    if (code === CloseCode.serviceRestart) this.quickUntil = this.now() + RESTART_RETRY_WINDOW_MS
    else if (code === CloseCode.abnormalClosure && this.wasSynced) this.quickUntil = this.now() + CRASH_RETRY_WINDOW_MS
    this.wasSynced = false
    if (this.now() < this.quickUntil) return Math.round(this.random() * RESTART_RETRY_SPREAD_MS)
    return reconnectDelayMs(this.attempts++, this.random)
  }

  /** A successful sync ends the episode. */
  synced(): void {
    this.attempts = 0
    this.quickUntil = 0
    this.wasSynced = true
  }
}
