import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'
import { createLogger } from '../../server/logger.ts'
import { Metrics } from '../../server/metrics.ts'
import { RedisBoardRelay } from '../../server/redis/RedisBoardRelay.ts'
import { RedisLock } from '../../server/redis/RedisLock.ts'
import type { RelayedBoard } from '../../server/sync/BoardRelay.ts'
import { SHARED_REDIS_URL, describeWithRedis, uniqueKeyPrefix } from '../support/redis.ts'
import { until } from '../support/until.ts'

/** A board as the relay sees it, recording what it is handed. */
class FakeBoard implements RelayedBoard {
  readonly updates: string[] = []
  readonly presence: string[] = []
  resyncs = 0
  deleted = false
  constructor(
    readonly boardId: string,
    private readonly own: string | null = null,
  ) {}
  applyRelayedUpdate(update: Uint8Array): void {
    this.updates.push(Buffer.from(update).toString())
  }
  applyRelayedAwareness(update: Uint8Array): void {
    this.presence.push(Buffer.from(update).toString())
  }
  localAwareness(): Uint8Array | null {
    return this.own === null ? null : Buffer.from(this.own)
  }
  deletedElsewhere(): void {
    this.deleted = true
  }
  resync(): Promise<void> {
    this.resyncs += 1
    return Promise.resolve()
  }
}

const closers: Array<() => Promise<unknown>> = []

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

function relayProcess(keyPrefix: string, processId: string): RedisBoardRelay {
  const logger = createLogger('silent')
  const [commands, reader, subscriber] = [new Redis(SHARED_REDIS_URL), new Redis(SHARED_REDIS_URL), new Redis(SHARED_REDIS_URL)]
  const relay = new RedisBoardRelay({
    commands,
    reader,
    subscriber,
    keyPrefix,
    processId,
    lock: new RedisLock(commands, keyPrefix, { ttlMs: 5_000, waitMs: 5_000 }, logger),
    logger,
    metrics: new Metrics(),
  })
  closers.push(async () => {
    await relay.close()
    await Promise.all([commands, reader, subscriber].map((redis) => redis.quit()))
  })
  return relay
}

async function untilSubscribed(channel: string): Promise<void> {
  const redis = new Redis(SHARED_REDIS_URL)
  try {
    for (;;) {
      const [, count] = (await redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number]
      if (count > 0) return
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  } finally {
    await redis.quit()
  }
}

describeWithRedis('RedisBoardRelay', () => {
  it('hands a board what other processes publish after its position, never its own entries, and nothing once unfollowed', async () => {
    const prefix = uniqueKeyPrefix()
    const one = relayProcess(prefix, 'one')
    const two = relayProcess(prefix, 'two')
    const onOne = new FakeBoard('b')
    const onTwo = new FakeBoard('b')

    one.publishUpdate('b', Buffer.from('before'))
    let position: string | null = '0-0'
    while (position === '0-0') position = await two.position('b')
    // Published between the position and the follow (while the board loads): must not be lost.
    one.publishUpdate('b', Buffer.from('during load'))
    one.follow(onOne, await one.position('b'))
    two.follow(onTwo, position)
    one.publishUpdate('b', Buffer.from('from one'))
    two.publishUpdate('b', Buffer.from('from two'))

    await until(() => onTwo.updates.includes('from one') && onOne.updates.includes('from two'), 'updates across the relays')
    expect(onTwo.updates).toEqual(['during load', 'from one'])
    expect(onOne.updates).toEqual(['from two'])

    two.unfollow('b')
    one.publishUpdate('b', Buffer.from('after'))
    const probe = new FakeBoard('b')
    const three = relayProcess(prefix, 'three')
    three.follow(probe, position)
    await until(() => probe.updates.includes('after'), 'the entry at a third process')
    expect(onTwo.updates).not.toContain('after')
  })

  it('relays presence to the other processes, and answers a newly opened board with the presence it holds', async () => {
    const prefix = uniqueKeyPrefix()
    const one = relayProcess(prefix, 'one')
    const two = relayProcess(prefix, 'two')
    const onOne = new FakeBoard('b', 'cursor of one')
    one.follow(onOne, null)
    await untilSubscribed(`${prefix}board:b:presence`)
    const onTwo = new FakeBoard('b')
    two.follow(onTwo, null)
    await until(() => onTwo.presence.includes('cursor of one'), 'the presence held by process one')
    one.publishAwareness('b', Buffer.from('moved'))
    await until(() => onTwo.presence.includes('moved'), 'a presence change')
    expect(onOne.presence).toEqual([])
  })

  it('tells the processes that have a board open when it is deleted', async () => {
    const prefix = uniqueKeyPrefix()
    const one = relayProcess(prefix, 'one')
    const two = relayProcess(prefix, 'two')
    const onOne = new FakeBoard('b')
    const onTwo = new FakeBoard('b')
    one.follow(onOne, await one.position('b'))
    two.follow(onTwo, await two.position('b'))
    one.publishDeleted('b')
    await until(() => onTwo.deleted, 'the deletion at process two')
    expect(onOne.deleted).toBe(false)
  })
})
