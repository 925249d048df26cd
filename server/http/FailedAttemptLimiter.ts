/**
 * Counts failed attempts per key (an IP) in a sliding window. Join codes have
 * only ~30 bits, so guessing must be slow: after `maxFailures` failures a key
 * is refused until the window has passed.
 */
export class FailedAttemptLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this key may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.maxFailures) return 0
    const oldest = recent[recent.length - this.maxFailures] ?? this.now()
    return Math.max(0, oldest + this.windowMs - this.now())
  }

  recordFailure(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now())
    this.failures.set(key, recent)
  }

  recordSuccess(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since)
    if (kept.length === 0) this.failures.delete(key)
    return kept
  }
}
