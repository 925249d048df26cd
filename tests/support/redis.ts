import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import { describe } from 'vitest'

/** The Redis the project's machines and CI run; a test that must stop Redis starts its own instead. */
export const SHARED_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
export const REDIS_SERVER_PATH = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server'

/** True when a Redis answers PING at host:port within a second. */
export function redisAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (answer: boolean) => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.on('error', () => done(false))
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')))
  })
}

const sharedRedis = new URL(SHARED_REDIS_URL)
const sharedRedisUp = await redisAnswers(Number(sharedRedis.port || 6379), sharedRedis.hostname)
const redisServerPresent = fs.existsSync(REDIS_SERVER_PATH)

/**
 * `describe` for scale-out tests: runs them when Redis answers at REDIS_URL
 * (and, with `needsRedisServer`, the redis-server binary is there to start a
 * private one), skips them loudly when not, and fails in CI (CI=true), where
 * they are required.
 */
export function describeWithRedis(name: string, body: () => void, { needsRedisServer = false } = {}): void {
  const missing = [
    sharedRedisUp ? null : `no Redis answers at ${SHARED_REDIS_URL}`,
    !needsRedisServer || redisServerPresent ? null : `no redis-server at ${REDIS_SERVER_PATH}`,
  ].filter((reason): reason is string => reason !== null)
  if (missing.length === 0) {
    describe(name, body)
    return
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`Scale-out tests are required in CI, but ${missing.join(' and ')} (apt-get install -y redis-server).`)
    })
    return
  }
  process.stderr.write(
    `\n  !!! SKIPPED scale-out tests "${name}": ${missing.join(' and ')}.\n` +
      '  !!! Run Redis on 127.0.0.1:6379 (or set REDIS_URL) and install redis-server to run them.\n\n',
  )
  describe.skip(name, body)
}

/** A key prefix of its own for each test, so tests sharing one Redis never see each other's keys. */
export function uniqueKeyPrefix(): string {
  return `test-${randomUUID()}:`
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface PrivateRedis {
  url: string
  /** Kills the server (SIGKILL: nothing is saved, and nothing is persisted anyway). */
  kill(): Promise<void>
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>
}

/** A Redis of the test's own, without persistence, so the test can kill and restart it. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async () => {
    child = spawn(REDIS_SERVER_PATH, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    const deadline = Date.now() + 10_000
    while (!(await redisAnswers(port))) {
      if (Date.now() > deadline) throw new Error(`private redis-server on port ${port} did not start`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const kill = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, kill, start }
}
