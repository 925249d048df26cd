import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createLogger } from '../../server/logger.ts'
import { LockUnavailableError, RedisLock } from '../../server/redis/RedisLock.ts'
import { SHARED_REDIS_URL, describeWithRedis, uniqueKeyPrefix } from '../support/redis.ts'

describeWithRedis('RedisLock', () => {
  let redis: Redis
  const logger = createLogger('silent')
  const lockWith = (ttlMs: number, waitMs = 5_000) => new RedisLock(redis, uniqueKeyPrefix(), { ttlMs, waitMs }, logger)

  beforeAll(() => {
    redis = new Redis(SHARED_REDIS_URL)
  })

  afterAll(async () => {
    await redis.quit()
  })

  it('lets one holder at a time run, across lock objects as across processes', async () => {
    const prefix = uniqueKeyPrefix()
    const holders = [1, 2, 3].map(() => new RedisLock(redis, prefix, { ttlMs: 5_000, waitMs: 5_000 }, logger))
    let inside = 0
    let mostInside = 0
    let runs = 0
    await Promise.all(
      holders.flatMap((lock) =>
        [1, 2, 3].map(() =>
          lock.runExclusive('event:x', async () => {
            inside += 1
            mostInside = Math.max(mostInside, inside)
            await new Promise((resolve) => setTimeout(resolve, 5))
            inside -= 1
            runs += 1
          }),
        ),
      ),
    )
    expect(runs).toBe(9)
    expect(mostInside).toBe(1)
  })

  it('hands out a larger fencing token with every lease', async () => {
    const lock = lockWith(5_000)
    const tokens: number[] = []
    for (let i = 0; i < 3; i++) {
      const lease = await lock.acquire('board:b')
      tokens.push(lease.token)
      expect(await lock.release(lease)).toBe(true)
    }
    expect(tokens[1]).toBeGreaterThan(tokens[0] ?? Infinity)
    expect(tokens[2]).toBeGreaterThan(tokens[1] ?? Infinity)
  })

  it('a holder whose lease expired cannot release (or extend) the lock its successor now holds', async () => {
    const lock = lockWith(50)
    const stale = await lock.acquire('event:y')
    await new Promise((resolve) => setTimeout(resolve, 120))
    const successor = await lock.tryAcquire('event:y')
    expect(successor).not.toBeNull()
    expect(successor?.token).toBeGreaterThan(stale.token)
    expect(await lock.release(stale)).toBe(false)
    expect(await lock.extend(stale)).toBe(false)
    expect(await lock.tryAcquire('event:y')).toBeNull()
    if (successor) expect(await lock.release(successor)).toBe(true)
  })

  it('gives up waiting after its wait time while another holds the lock', async () => {
    const lock = lockWith(5_000, 100)
    const held = await lock.acquire('event:z')
    await expect(lock.acquire('event:z')).rejects.toBeInstanceOf(LockUnavailableError)
    await lock.release(held)
  })
})
