/**
 * Runs an event's workshop commands one at a time, end to end: the next
 * command starts only when the previous one, with all its awaited I/O, is
 * done, so it reads the state the previous one left. Commands of different
 * events run side by side.
 *
 * This is the seam for several server processes: an implementation over a
 * PostgreSQL advisory lock (or a Redis lock with a fencing token) keeps the
 * same contract, and the versioned state store refuses a write that was not
 * made on the latest state.
 */
export interface EventCommandLock {
  /** True when other processes run commands of the same events: a command must then read the stored state first. */
  readonly shared: boolean
  runExclusive<T>(eventId: string, critical: () => Promise<T>): Promise<T>
}

/** The lock for one process: a promise chain per event, dropped when the event's queue is empty. */
export class InProcessEventCommandLock implements EventCommandLock {
  readonly shared = false
  private readonly tails = new Map<string, Promise<unknown>>()

  runExclusive<T>(eventId: string, critical: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(eventId) ?? Promise.resolve()
    const run = previous.then(critical, critical)
    // The chain must go on after a failed command, and must not hold its error.
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    this.tails.set(eventId, tail)
    void tail.then(() => {
      if (this.tails.get(eventId) === tail) this.tails.delete(eventId)
    })
    return run
  }
}
