import { connectAll, measureWindow, roomClients, summarize, type WindowFigures } from './fanout.ts'
import type { LoadPool } from './loadPool.ts'
import { sleep } from './procStats.ts'
import type { ServerHandle } from './servers.ts'

export interface SweepOptions {
  clients: number
  writers: number
  ratesHz: number[]
  warmupMs: number
  windowMs: number
  p99LimitMs: number
}

export interface SweepStep extends Pick<
  WindowFigures,
  'p50Ms' | 'p99Ms' | 'updatesPerSec' | 'deliveriesPerSec' | 'deliveredShare' | 'serverCpuCores' | 'generatorCpuCores' | 'otherCpuCores'
> {
  ratePerWriterHz: number
}

export interface SweepFigures {
  /** Offered updates/s (all writers) at the first step whose p99 passed the limit; null if none did. */
  p99PassesLimitAtUpdatesPerSec: number | null
  /** Highest offered updates/s whose p99 stayed within the limit. */
  lastWithinLimitUpdatesPerSec: number | null
  steps: SweepStep[]
}

/**
 * Raises the writer rate step by step on one room and stops at the first step
 * whose p99 passes the limit in two windows in a row: beyond it the server is
 * saturated and each further step only grows its backlog.
 */
export async function runSweep(pool: LoadPool, server: ServerHandle, options: SweepOptions, boardLabel: string): Promise<SweepFigures> {
  const steps: SweepStep[] = []
  let passedAt: number | null = null
  let lastWithin: number | null = null
  try {
    const spec = { rooms: 1, clientsPerRoom: options.clients, writersPerRoom: options.writers, rateHz: 0 }
    await connectAll(pool, roomClients(server, await server.createBoards(1, boardLabel), spec))
    for (const hz of options.ratesHz) {
      await pool.setRate(hz)
      await sleep(options.warmupMs)
      let window = summarize([await measureWindow(pool, server, options.windowMs)])
      if (!(window.p99Ms <= options.p99LimitMs)) {
        // Others share this box: one noisy window must not end the sweep, so a crossing has to show twice.
        window = summarize([await measureWindow(pool, server, options.windowMs)])
      }
      const offered = hz * options.writers
      steps.push({
        ratePerWriterHz: hz,
        p50Ms: window.p50Ms,
        p99Ms: window.p99Ms,
        updatesPerSec: window.updatesPerSec,
        deliveriesPerSec: window.deliveriesPerSec,
        deliveredShare: window.deliveredShare,
        serverCpuCores: window.serverCpuCores,
        generatorCpuCores: window.generatorCpuCores,
        otherCpuCores: window.otherCpuCores,
      })
      if (!(window.p99Ms <= options.p99LimitMs)) {
        passedAt = offered
        break
      }
      lastWithin = offered
    }
  } finally {
    await pool.closeAll()
  }
  return { p99PassesLimitAtUpdatesPerSec: passedAt, lastWithinLimitUpdatesPerSec: lastWithin, steps }
}
