import { connectAll, measureWindow, serverClients, summarize, type WindowFigures } from './fanout.ts'
import type { LoadPool } from './loadPool.ts'
import { sleep } from './procStats.ts'
import type { ServerHandle } from './servers.ts'

export interface SweepRates {
  /** Writers over all rooms: offered updates/s = rate per writer × writers. */
  writers: number
  ratesHz: number[]
  warmupMs: number
  windowMs: number
  p99LimitMs: number
}

export interface SweepOptions extends SweepRates {
  clients: number
}

export interface SweepStep extends Pick<
  WindowFigures,
  | 'p50Ms'
  | 'p99Ms'
  | 'updatesPerSec'
  | 'deliveriesPerSec'
  | 'deliveredShare'
  | 'serverCpuCores'
  | 'serverCpuUsPerDelivery'
  | 'generatorCpuCores'
  | 'otherCpuCores'
> {
  ratePerWriterHz: number
  /** Scale-out only: p99 of the relay lag between server processes in this window, in ms (bucket bound). */
  relayLagP99Ms?: number | null
  /** Scale-out only: CPU of PostgreSQL and Redis on this box (all their clients) ÷ wall time. */
  dataStoresCpuCores?: number
}

/** What a scale-out window measures besides the load processes' figures. */
type ScaleOutFigures = Pick<SweepStep, 'relayLagP99Ms' | 'dataStoresCpuCores'>

export interface SweepFigures {
  /** Offered updates/s (all writers) at the first step whose p99 passed the limit; null if none did. */
  p99PassesLimitAtUpdatesPerSec: number | null
  /** Highest offered updates/s whose p99 stayed within the limit. */
  lastWithinLimitUpdatesPerSec: number | null
  steps: SweepStep[]
}

/** One measured window of a sweep step; a scale-out setup also reads its processes' relay lag around it. */
export type MeasureStep = (windowMs: number) => Promise<{ figures: WindowFigures; scaleOut?: ScaleOutFigures }>

/**
 * Raises the writer rate step by step on clients already connected and stops
 * at the first step whose p99 passes the limit in two windows in a row: beyond
 * it the server is saturated and each further step only grows its backlog.
 */
export async function sweepRates(pool: LoadPool, options: SweepRates, measure: MeasureStep): Promise<SweepFigures> {
  const steps: SweepStep[] = []
  let passedAt: number | null = null
  let lastWithin: number | null = null
  for (const hz of options.ratesHz) {
    await pool.setRate(hz)
    await sleep(options.warmupMs)
    let measured = await measure(options.windowMs)
    if (!(measured.figures.p99Ms <= options.p99LimitMs)) {
      // Others share this box: one noisy window must not end the sweep, so a crossing has to show twice.
      measured = await measure(options.windowMs)
    }
    const window = measured.figures
    steps.push({
      ratePerWriterHz: hz,
      p50Ms: window.p50Ms,
      p99Ms: window.p99Ms,
      updatesPerSec: window.updatesPerSec,
      deliveriesPerSec: window.deliveriesPerSec,
      deliveredShare: window.deliveredShare,
      serverCpuCores: window.serverCpuCores,
      serverCpuUsPerDelivery: window.serverCpuUsPerDelivery,
      generatorCpuCores: window.generatorCpuCores,
      otherCpuCores: window.otherCpuCores,
      ...measured.scaleOut,
    })
    if (!(window.p99Ms <= options.p99LimitMs)) {
      passedAt = hz * options.writers
      break
    }
    lastWithin = hz * options.writers
  }
  return { p99PassesLimitAtUpdatesPerSec: passedAt, lastWithinLimitUpdatesPerSec: lastWithin, steps }
}

/** A sweep on one room of one server, as `npm run bench` compares ours and its peers. */
export async function runSweep(pool: LoadPool, server: ServerHandle, options: SweepOptions, boardLabel: string): Promise<SweepFigures> {
  try {
    const spec = { rooms: 1, clientsPerRoom: options.clients, writersPerRoom: options.writers, rateHz: 0 }
    await connectAll(pool, serverClients(server, await server.createBoards(1, boardLabel), spec))
    return await sweepRates(pool, options, async (windowMs) => ({
      figures: summarize([await measureWindow(pool, [server.pid], windowMs)]),
    }))
  } finally {
    await pool.closeAll()
  }
}
