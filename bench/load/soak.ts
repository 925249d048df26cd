import type { HeapAfterGc } from '../inspector.ts'
import { closeRoomLoad, measureWindow, openRoomLoad, type RoomLoad } from './connections.ts'
import { check, mean, mib, ms, sampleServer, type LoadOptions, type ScenarioResult, type ServerSample } from './scenarioResult.ts'

const LOAD: RoomLoad = { rooms: 10, clientsPerRoom: 20, writeHz: 2, awarenessHz: 1, loadProcesses: 2 }
const SAMPLE_MS = 10_000
/** The issue compares the first and the last five minutes; a short run compares its first and last quarter. */
const COMPARE_WINDOW_MS = 5 * 60_000
const TARGET_CHANGE_PERCENT = 10

function change(samples: readonly ServerSample[], durationMs: number, pick: (sample: ServerSample) => number) {
  const windowMs = Math.min(COMPARE_WINDOW_MS, durationMs / 4)
  const first = mean(samples.filter((sample) => sample.atMs <= windowMs).map(pick))
  const last = mean(samples.filter((sample) => sample.atMs >= durationMs - windowMs).map(pick))
  return { first, last, percent: ((last - first) / first) * 100, windowMs }
}

/**
 * Scenario 6: 200 clients (10 rooms × 20, a writer per room, presence from
 * all) for `soakMinutes`; do the server's memory and descriptors drift?
 * The server runs with the inspector on loopback, only to force two GCs.
 */
export async function runSoak(options: LoadOptions): Promise<ScenarioResult> {
  const durationMs = options.soakMinutes * 60_000
  const run = await openRoomLoad(LOAD, () => undefined, { inspect: true })
  const windowMs = Math.min(COMPARE_WINDOW_MS, durationMs / 4)
  try {
    const sampler = sampleServer(run.server, SAMPLE_MS)
    // Heap after a full GC at the end of the first window and at the end: growth there is kept memory, not V8's slack.
    let heapFirst: Promise<HeapAfterGc> | null = null
    const firstGc = setTimeout(() => {
      heapFirst = run.server.heapAfterGc()
    }, windowMs)
    const window = await measureWindow(run, durationMs / 1_000)
    clearTimeout(firstGc)
    const samples = sampler.stop()
    const heapStart = await (heapFirst ?? run.server.heapAfterGc())
    const heapEnd = await run.server.heapAfterGc()
    const heapPercent = ((heapEnd.usedMiB - heapStart.usedMiB) / heapStart.usedMiB) * 100
    const rss = change(samples, durationMs, (sample) => sample.rssKiB)
    const fds = change(samples, durationMs, (sample) => sample.fds)
    const p99 = window.figures.histogram.quantileMicros(0.99) / 1_000
    const windowLabel = `${(rss.windowMs / 60_000).toFixed(1)} min`
    return {
      id: 'soak',
      title: `soak: ${LOAD.rooms * LOAD.clientsPerRoom} clients (${LOAD.rooms} rooms × ${LOAD.clientsPerRoom}) for ${options.soakMinutes} min`,
      checks: [
        check(`RSS first / last ${windowLabel}`, `${mib(rss.first)} / ${mib(rss.last)} (${rss.percent.toFixed(1)} %)`, `±${TARGET_CHANGE_PERCENT} %`, Math.abs(rss.percent) <= TARGET_CHANGE_PERCENT),
        check(`open fds first / last ${windowLabel}`, `${fds.first.toFixed(0)} / ${fds.last.toFixed(0)} (${fds.percent.toFixed(1)} %)`, `±${TARGET_CHANGE_PERCENT} %`, Math.abs(fds.percent) <= TARGET_CHANGE_PERCENT),
        check(
          `heap after full GC at ${windowLabel} / at the end`,
          `${heapStart.usedMiB.toFixed(1)} MiB / ${heapEnd.usedMiB.toFixed(1)} MiB (${heapPercent.toFixed(1)} %)`,
          '—',
          null,
        ),
        check('update delivery p99 over the run', ms(p99), '—', null),
        check(
          'CPU: server / load processes / everything else',
          `${window.serverCores.toFixed(2)} / ${window.generatorCores.toFixed(2)} / ${window.otherCores.toFixed(2)} cores`,
          '—',
          null,
        ),
        check('connections lost', String(window.figures.lostConnections), '0', window.figures.lostConnections === 0),
      ],
      figures: {
        minutes: options.soakMinutes,
        rss,
        fds,
        heapAfterGcMiB: { first: heapStart.usedMiB, end: heapEnd.usedMiB, percent: heapPercent },
        p50Ms: window.figures.histogram.quantileMicros(0.5) / 1_000,
        p99Ms: p99,
        deliveries: window.figures.deliveries,
        lostConnections: window.figures.lostConnections,
        serverCores: window.serverCores,
        generatorCores: window.generatorCores,
        otherCores: window.otherCores,
        serverWaitShare: window.serverWaitShare,
        samples: samples.map((sample) => [Math.round(sample.atMs / 1_000), Math.round(sample.rssKiB / 1024), sample.fds]),
      },
    }
  } finally {
    await closeRoomLoad(run)
  }
}
