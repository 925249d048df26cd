import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import { buildServer, isServerBuildStale, SERVER_BUNDLE, SERVER_NODE_FLAGS } from '../scripts/serverBuild.ts'
import type { ClientUrl } from './fanout.ts'
import { newAdminToken, OursApi } from './oursApi.ts'
import { freePort, readRssKiB, until } from './procStats.ts'
import { bucketQuantile, combineBuckets, gaugeValue, histogramBuckets, type Buckets } from './promText.ts'
import { trackChild } from './servers.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'
const START_TIMEOUT_MS = 30_000
const REDIS_DELETE_BATCH = 500

/** Several server processes on one PostgreSQL schema and one Redis key prefix, as a scale-out deployment runs them. */
export interface Cluster {
  readonly size: number
  readonly pids: number[]
  createBoards(count: number, label: string): Promise<string[]>
  /** Alternates processes per client; the room number shifts it, so rooms with one writer do not all write into process 0. */
  clientUrl: ClientUrl
  /** Sum of the processes' open sync connections, as their /metrics gauges say. */
  connectionsHeld(): Promise<number>
  /** relay_lag_seconds of all processes summed: cumulative buckets. */
  relayLagBuckets(): Promise<Buckets>
  rssKiB(): number[]
  stop(): Promise<void>
}

/** Stops of clusters still running, so a signal can still drop their schema and keys. */
const openClusters = new Set<() => Promise<void>>()

export async function stopOpenClusters(): Promise<void> {
  await Promise.all([...openClusters].map((stop) => stop()))
}

export async function startCluster(size: number): Promise<Cluster> {
  if (size < 1) throw new Error('a cluster needs at least one process')
  if (isServerBuildStale() && !(await buildServer())) throw new Error('building the server failed (see esbuild output above)')
  const tag = randomBytes(6).toString('hex')
  const schema = `bench_scaleout_${tag}`
  const keyPrefix = `bench-scaleout:${tag}:`
  await pgQuery(`CREATE SCHEMA ${schema}`)
  const databaseUrl = new URL(POSTGRES_URL)
  databaseUrl.searchParams.set('options', `-c search_path=${schema}`)
  const adminToken = newAdminToken()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: adminToken,
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL,
    REDIS_KEY_PREFIX: keyPrefix,
  }
  const children: ChildProcess[] = []
  const dataDirs: string[] = []
  const ports: number[] = []
  let stopped = false
  const stop = async (): Promise<void> => {
    if (stopped) return
    stopped = true
    openClusters.delete(stop)
    // A benchmark server holds nothing worth a graceful shutdown; SIGKILL also ends a saturated one at once.
    await Promise.all(children.map(killAndWait))
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
    await pgQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await deleteRedisKeys(keyPrefix)
  }
  openClusters.add(stop)
  const startOne = async (): Promise<void> => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ideenschmiede-scaleout-'))
    dataDirs.push(dataDir)
    const port = await freePort()
    ports.push(port)
    children.push(await spawnServer({ ...env, PORT: String(port), DATA_DIR: dataDir }, port))
  }
  try {
    // The first process migrates the fresh schema alone; the others then start side by side.
    await startOne()
    await Promise.all(Array.from({ length: size - 1 }, startOne))
  } catch (error) {
    await stop()
    throw error
  }

  const apis = ports.map((port) => new OursApi(`http://127.0.0.1:${port}`, adminToken))
  const firstApi = apis[0] as OursApi
  const eventId = await firstApi.createEvent('Scale-out benchmark')
  const tokenQuery = `?token=${encodeURIComponent(await firstApi.createParticipantToken(eventId))}`
  const metricsTexts = (): Promise<string[]> => Promise.all(apis.map((api) => api.metricsText()))
  return {
    size,
    pids: children.map((child) => child.pid ?? 0),
    createBoards: async (count, label) => {
      const ids: string[] = []
      for (let n = 0; n < count; n++) ids.push(await firstApi.createBoard(eventId, `${label} ${n}`))
      return ids
    },
    clientUrl: (boardId, room, index) => `ws://127.0.0.1:${ports[(room + index) % size]}/yjs/${boardId}${tokenQuery}`,
    connectionsHeld: async () => (await metricsTexts()).reduce((sum, text) => sum + (gaugeValue(text, 'sync_connections') ?? 0), 0),
    relayLagBuckets: async () =>
      (await metricsTexts()).reduce<Buckets>((sum, text) => combineBuckets(sum, histogramBuckets(text, 'relay_lag_seconds')), new Map()),
    rssKiB: () => children.map((child) => (child.pid === undefined ? 0 : readRssKiB(child.pid))),
    stop,
  }
}

/** p99 of the relay lag over a window, in ms, from two readings of the summed buckets; null when nothing was relayed. */
export function relayLagP99Ms(before: Buckets, after: Buckets): number | null {
  const seconds = bucketQuantile(combineBuckets(after, before, -1), 0.99)
  return seconds === null ? null : seconds * 1_000
}

async function spawnServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  // Ours runs as `npm start` runs it: the built bundle on plain node.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  trackChild(child)
  let output = ''
  const keep = (chunk: Buffer): void => {
    // Only the tail matters for an error message; a chatty server must not grow this without bound.
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  // /readyz, not /healthz: a process is only of use once PostgreSQL and Redis answer it.
  const isReady = async (): Promise<boolean> => {
    if (child.exitCode !== null) throw new Error(`server process on port ${port} exited during start:\n${output}`)
    try {
      return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok
    } catch {
      return false
    }
  }
  try {
    await until(isReady, `the server process on port ${port}`, START_TIMEOUT_MS)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  if (child.pid === undefined) throw new Error(`server process on port ${port} has no pid`)
  return child
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGKILL')
  return exited
}

async function pgQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** The boards' streams and whatever else the run left under its prefix; others' keys in the shared Redis stay. */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 })
  await redis.connect()
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', REDIS_DELETE_BATCH)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
