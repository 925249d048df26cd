import { randomUUID } from 'node:crypto'
import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import type { ScaleOut } from '../ScaleOut.ts'
import { RedisBoardRelay } from './RedisBoardRelay.ts'
import { RedisEventCommandLock } from './RedisEventCommandLock.ts'
import { RedisLinkRevocations } from './RedisLinkRevocations.ts'
import { RedisLock } from './RedisLock.ts'
import { RedisWorkshopChangeFeed } from './RedisWorkshopChangeFeed.ts'

export interface RedisScaleOutOptions {
  redisUrl: string
  keyPrefix: string
  logger: Logger
  metrics: Metrics
}

/**
 * The Redis adapter publishes without handling the promise; a publish that
 * fails while Redis is away would be an unhandled rejection, which ends a
 * Node process. A broadcast lost then is lost either way (its sockets on
 * other processes converge on their next state), so it is logged here.
 */
function publishWithoutUnhandledRejections(redis: Redis, logger: Logger): void {
  const publish = redis.publish.bind(redis) as (channel: string | Buffer, message: string | Buffer) => Promise<number>
  const guarded = (channel: string | Buffer, message: string | Buffer): Promise<number> => {
    const sent = publish(channel, message)
    sent.catch((error: unknown) => logger.debug({ err: error }, 'a socket.io broadcast could not be published to Redis'))
    return sent
  }
  redis.publish = guarded as typeof redis.publish
}

const QUIT_GRACE_MS = 1_000

/** QUIT lets pending commands finish; a connection that is away (or does not answer in time) is cut instead, or shutdown would wait for Redis. */
async function quitOrCut(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    const quit = redis.quit().then(
      () => true,
      () => false,
    )
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), QUIT_GRACE_MS).unref())
    if (await Promise.race([quit, timeout])) return
  }
  redis.disconnect()
}

/** A short command that takes longer means Redis is away; the caller falls back (or the command fails) instead of hanging. */
const COMMAND_TIMEOUT_MS = 2_000
const READY_TIMEOUT_MS = 1_000
/** A workshop command holds its event's lock at most this long without renewal (the holder renews it while alive). */
const LOCK_TTL_MS = 10_000
const LOCK_WAIT_MS = 15_000

/**
 * Several processes through one Redis: board updates and presence relayed
 * (RedisBoardRelay), one workshop command at a time per event (RedisLock),
 * workshop changes announced (RedisWorkshopChangeFeed), and socket.io rooms
 * shared by @socket.io/redis-adapter. Five connections per process: the
 * blocking stream reader and the subscribers cannot run other commands.
 */
export function openRedisScaleOut({ redisUrl, keyPrefix, logger, metrics }: RedisScaleOutOptions): ScaleOut {
  const processId = randomUUID()
  const connect = (role: string, options: { commandTimeout?: number; maxRetriesPerRequest?: number | null } = {}) => {
    const redis = new Redis(redisUrl, { ...options, connectionName: `ideenschmiede-${role}` })
    let lastError = ''
    redis.on('error', (error: Error) => {
      // ioredis reports every failed reconnect attempt; one line per distinct error is enough.
      if (error.message === lastError) return
      lastError = error.message
      logger.warn({ redis: role, err: error.message }, 'Redis connection error; reconnecting')
    })
    redis.on('ready', () => {
      if (lastError) logger.info({ redis: role }, 'Redis connection is back')
      lastError = ''
    })
    return redis
  }
  const commands = connect('commands', { commandTimeout: COMMAND_TIMEOUT_MS })
  const reader = connect('stream-reader')
  // A subscription waits for Redis however long it is away, instead of failing after some reconnect attempts (the adapter does not handle that failure).
  const subscriber = connect('subscriber', { maxRetriesPerRequest: null })
  const adapterPub = connect('socketio-pub')
  const adapterSub = connect('socketio-sub', { maxRetriesPerRequest: null })
  publishWithoutUnhandledRejections(adapterPub, logger)
  const connections = [commands, reader, subscriber, adapterPub, adapterSub]

  const lock = new RedisLock(commands, keyPrefix, { ttlMs: LOCK_TTL_MS, waitMs: LOCK_WAIT_MS }, logger)
  const relay = new RedisBoardRelay({ commands, reader, subscriber, keyPrefix, processId, lock, logger, metrics })
  const workshopFeed = new RedisWorkshopChangeFeed({ commands, subscriber, keyPrefix, processId, logger })
  const linkRevocations = new RedisLinkRevocations({ commands, subscriber, keyPrefix, processId, logger })
  logger.info({ processId, keyPrefix }, 'scale-out through Redis')

  return {
    relay,
    commandLock: new RedisEventCommandLock(lock),
    workshopFeed,
    linkRevocations,
    attach: (io) => {
      io.adapter(createAdapter(adapterPub, adapterSub, { key: `${keyPrefix}socket.io` }))
    },
    unreadyReason: async () => {
      const away = connections.find((redis) => redis.status !== 'ready')
      if (away) return `redis: not connected (${away.options.connectionName ?? 'connection'} is ${away.status})`
      try {
        await Promise.race([
          commands.ping(),
          new Promise((_resolve, reject) => setTimeout(() => reject(new Error('no answer to PING')), READY_TIMEOUT_MS).unref()),
        ])
        return null
      } catch (error) {
        return `redis: ${error instanceof Error ? error.message : String(error)}`
      }
    },
    close: async () => {
      workshopFeed.close()
      linkRevocations.close()
      await relay.close()
      await Promise.all(connections.map(quitOrCut))
    },
  }
}
