import type { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'

/** A held lock. The token is unique and grows with every attempt, so a holder whose lease ran out cannot release its successor's. */
export interface LockLease {
  readonly name: string
  readonly token: number
}

export interface RedisLockOptions {
  /** How long a lease lasts unless renewed; a holder that dies frees the lock after this. */
  ttlMs: number
  /** How long `runExclusive` waits for the lock before giving up. */
  waitMs: number
}

export class LockUnavailableError extends Error {
  constructor(readonly lockName: string) {
    super(`lock ${lockName} is held elsewhere`)
  }
}

// Compare-and-delete / compare-and-expire: only the holder of this very token may end or extend the lease.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`

const RETRY_MIN_MS = 5
const RETRY_MAX_MS = 50

/**
 * A lease in Redis: a fencing token from INCR, taken with SET NX PX and
 * given back with a Lua compare-and-delete. A lease that outlives its TTL
 * (a stalled process) is lost, which is why what it guards also checks the
 * state it writes on (the workshop store's versions, a board's stored log).
 */
export class RedisLock {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly options: RedisLockOptions,
    private readonly logger: Logger,
  ) {}

  async tryAcquire(name: string): Promise<LockLease | null> {
    const token = await this.redis.incr(this.fenceKey(name))
    const taken = await this.redis.set(this.lockKey(name), String(token), 'PX', this.options.ttlMs, 'NX')
    return taken === 'OK' ? { name, token } : null
  }

  /** Waits for the lock up to `waitMs`, retrying with a little jitter so waiters do not move in lockstep. */
  async acquire(name: string): Promise<LockLease> {
    const giveUpAt = Date.now() + this.options.waitMs
    for (;;) {
      const lease = await this.tryAcquire(name)
      if (lease) return lease
      if (Date.now() >= giveUpAt) throw new LockUnavailableError(name)
      await sleep(RETRY_MIN_MS + Math.random() * (RETRY_MAX_MS - RETRY_MIN_MS))
    }
  }

  /** False when the lease had already run out (and the lock may be someone else's). */
  async release(lease: LockLease): Promise<boolean> {
    return (await this.redis.eval(RELEASE, 1, this.lockKey(lease.name), String(lease.token))) === 1
  }

  async extend(lease: LockLease): Promise<boolean> {
    return (await this.redis.eval(EXTEND, 1, this.lockKey(lease.name), String(lease.token), this.options.ttlMs)) === 1
  }

  /** Runs `work` holding the lock, renewing the lease while it runs (commands may await slow I/O). */
  async runExclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    const lease = await this.acquire(name)
    const renewal = setInterval(() => {
      // A lost lease is not fatal here: what the lock guards checks the version it writes on.
      this.extend(lease).then(
        (extended) => {
          if (!extended) this.logger.warn({ lock: name }, 'a lock lease ran out while its work was still running')
        },
        (error: unknown) => this.logger.warn({ lock: name, err: error }, 'renewing a lock lease failed'),
      )
    }, this.options.ttlMs / 3)
    renewal.unref()
    try {
      return await work()
    } finally {
      clearInterval(renewal)
      // Not releasable (Redis away): the lease expires by itself after its TTL.
      await this.release(lease).catch((error: unknown) => this.logger.warn({ lock: name, err: error }, 'releasing a lock failed'))
    }
  }

  private lockKey(name: string): string {
    return `${this.keyPrefix}lock:${name}`
  }

  /** Never expires: tokens must keep growing for as long as the lock is used. */
  private fenceKey(name: string): string {
    return `${this.keyPrefix}lock:${name}:fence`
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
