import { InProcessEventCommandLock, type EventCommandLock } from '../workshop/EventCommandLock.ts'
import type { RedisLock } from './RedisLock.ts'

/**
 * One command at a time per event across every process: commands queue in
 * this process first, so only one of its commands at a time contends for
 * the Redis lock, and the next waits for the previous one's lease to end.
 */
export class RedisEventCommandLock implements EventCommandLock {
  readonly shared = true
  private readonly local = new InProcessEventCommandLock()

  constructor(private readonly lock: RedisLock) {}

  runExclusive<T>(eventId: string, critical: () => Promise<T>): Promise<T> {
    return this.local.runExclusive(eventId, () => this.lock.runExclusive(`event:${eventId}`, critical))
  }
}
