import { connectAll, measureWindow, roomClients, summarize, type FanoutSpec } from './fanout.ts'
import type { LoadPool } from './loadPool.ts'
import { cpuMicrosSince, nowMicros, readCpuMicrosByName, sleep } from './procStats.ts'
import { relayLagP99Ms, type Cluster } from './scaleOutCluster.ts'
import { sweepRates, type SweepFigures, type SweepRates, type SweepStep } from './sweep.ts'

/** PostgreSQL's backends and Redis run on this box; their CPU is part of what an update costs, though not the servers'. */
const DATA_STORE_PROCESSES = ['postgres', 'redis-server']

export interface RoomShape {
  id: string
  title: string
  rooms: number
  clientsPerRoom: number
  writersPerRoom: number
}

export interface ShapeFigures extends SweepFigures {
  /** The last step with p99 within the limit, the figures a capacity estimate rests on; null if even the first step passed it. */
  atLimit: SweepStep | null
  /** Sum of the processes' sync connection gauges once every client had joined. */
  connectionsHeld: number
  clients: number
  failedConnections: number
  rssKiB: number[]
}

/** A rate sweep on one room shape, its clients spread over the cluster's processes. */
export async function sweepShape(
  pool: LoadPool,
  cluster: Cluster,
  shape: RoomShape,
  rates: Omit<SweepRates, 'writers'>,
  label: string,
): Promise<ShapeFigures> {
  const spec: FanoutSpec = { rooms: shape.rooms, clientsPerRoom: shape.clientsPerRoom, writersPerRoom: shape.writersPerRoom, rateHz: 0 }
  try {
    const clients = roomClients(cluster.clientUrl, await cluster.createBoards(shape.rooms, label), spec)
    const joined = await connectAll(pool, clients)
    const connectionsHeld = await cluster.connectionsHeld()
    const rssKiB = cluster.rssKiB()
    const sweep = await sweepRates(pool, { ...rates, writers: shape.rooms * shape.writersPerRoom }, async (windowMs) => {
      const lagBefore = await cluster.relayLagBuckets()
      const storesBefore = readCpuMicrosByName(DATA_STORE_PROCESSES)
      const start = nowMicros()
      const figures = summarize([await measureWindow(pool, cluster.pids, windowMs)])
      const dataStoresCpuCores = cpuMicrosSince(storesBefore) / (nowMicros() - start)
      return { figures, scaleOut: { relayLagP99Ms: relayLagP99Ms(lagBefore, await cluster.relayLagBuckets()), dataStoresCpuCores } }
    })
    const within = sweep.steps.filter((step) => step.p99Ms <= rates.p99LimitMs)
    return {
      ...sweep,
      atLimit: within.at(-1) ?? null,
      connectionsHeld,
      clients: clients.length,
      failedConnections: joined.failed,
      rssKiB,
    }
  } finally {
    await pool.closeAll()
  }
}

export interface RampStep {
  connectionsHeld: number
  rssKiB: number[]
}

export interface RampFigures {
  steps: RampStep[]
  /** RSS growth of all processes over the ramp ÷ connections added; idle clients, no GC forced, so a rough figure. */
  kiBPerConnection: number | null
}

const RAMP_ROOMS = 10
/** Lets the servers finish the joins' work (and some of its garbage) before RSS is read. */
const RAMP_SETTLE_MS = 1_000

/** Opens idle clients (no writers) in equal steps over RAMP_ROOMS boards, reading connections and RSS after each. */
export async function connectionRamp(pool: LoadPool, cluster: Cluster, total: number, stepsCount: number, label: string): Promise<RampFigures> {
  const perStep = Math.ceil(total / stepsCount / RAMP_ROOMS)
  const boardIds = await cluster.createBoards(RAMP_ROOMS, label)
  const spec: FanoutSpec = { rooms: RAMP_ROOMS, clientsPerRoom: perStep, writersPerRoom: 0, rateHz: 0 }
  const read = async (): Promise<RampStep> => ({ connectionsHeld: await cluster.connectionsHeld(), rssKiB: cluster.rssKiB() })
  try {
    const steps = [await read()]
    for (let step = 1; step <= stepsCount; step++) {
      await connectAll(pool, roomClients(cluster.clientUrl, boardIds, spec))
      await sleep(RAMP_SETTLE_MS)
      steps.push(await read())
    }
    const first = steps[0]
    const last = steps.at(-1)
    const added = first && last ? last.connectionsHeld - first.connectionsHeld : 0
    const grown = first && last ? sum(last.rssKiB) - sum(first.rssKiB) : 0
    return { steps, kiBPerConnection: added > 0 ? grown / added : null }
  } finally {
    await pool.closeAll()
  }
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
