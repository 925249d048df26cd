import os from 'node:os'
import { readCpuMicros, readMachineBusyMicros, sleep, waitForQuietMachine } from '../procStats.ts'
import { ClientPool, type MergedRawFigures } from './ClientPool.ts'
import { readRunQueueWaitMicros } from './runQueueWait.ts'
import type { RawSpec } from './clientProtocol.ts'
import { check, mib, ms, sampleServer, type LoadOptions, type ScenarioResult, type ServerSample } from './scenarioResult.ts'
import { ServerUnderTest } from './ServerUnderTest.ts'

export interface RoomLoad {
  rooms: number
  clientsPerRoom: number
  writeHz: number
  awarenessHz: number
  loadProcesses: number
}

export interface RoomLoadRun {
  server: ServerUnderTest
  pool: ClientPool
  connectMs: number
}

/** Opens `rooms` boards with one writer each and `clientsPerRoom - 1` receivers; everyone sends presence. */
export async function openRoomLoad(
  load: RoomLoad,
  onStarted: (server: ServerUnderTest) => void = () => undefined,
  serverOptions: { inspect?: boolean } = {},
): Promise<RoomLoadRun> {
  const server = await ServerUnderTest.start(serverOptions)
  onStarted(server)
  const pool = new ClientPool(load.loadProcesses)
  const boards = await server.createBoards(load.rooms, 'Last')
  const specs: RawSpec[] = boards.flatMap((board, room) =>
    Array.from({ length: load.clientsPerRoom }, (_, index) => ({ uid: room * load.clientsPerRoom + index + 1, url: board.url, writer: index === 0 })),
  )
  const start = Date.now()
  const opened = await pool.openRaw(specs)
  if (opened.failed > 0) throw new Error(`${opened.failed} of ${specs.length} clients did not connect: ${opened.firstError}`)
  const connectMs = Date.now() - start
  await pool.rates(load.writeHz, load.awarenessHz)
  return { server, pool, connectMs }
}

export interface Window {
  figures: MergedRawFigures
  seconds: number
  serverCores: number
  generatorCores: number
  /** Busy cores of everything else on the machine: others share it, and a busy window says so. */
  otherCores: number
  /** Share of the window the server's JavaScript thread was runnable but waited for a CPU. */
  serverWaitShare: number
}

/** Measures delivery latency for `seconds`, with the CPU the server and the load processes used meanwhile. */
export async function measureWindow(run: RoomLoadRun, seconds: number): Promise<Window> {
  const serverCpu = readCpuMicros(run.server.pid)
  const generatorCpu = run.pool.cpuMicros()
  const machineBusy = readMachineBusyMicros()
  const serverWait = readRunQueueWaitMicros(run.server.pid)
  const start = performance.now()
  await run.pool.measureStart()
  await sleep(seconds * 1_000)
  const figures = await run.pool.measureStop()
  const elapsedMicros = (performance.now() - start) * 1_000
  const serverCores = (readCpuMicros(run.server.pid) - serverCpu) / elapsedMicros
  const generatorCores = (run.pool.cpuMicros() - generatorCpu) / elapsedMicros
  const machineCores = (readMachineBusyMicros() - machineBusy) / elapsedMicros
  return {
    figures,
    seconds: elapsedMicros / 1_000_000,
    serverCores,
    generatorCores,
    otherCores: Math.max(0, machineCores - serverCores - generatorCores),
    serverWaitShare: (readRunQueueWaitMicros(run.server.pid) - serverWait) / elapsedMicros,
  }
}

export async function closeRoomLoad(run: RoomLoadRun): Promise<void> {
  await run.pool.closeRaw()
  run.pool.close()
  await run.server.stop()
}

const LOAD: RoomLoad = { rooms: 100, clientsPerRoom: 20, writeHz: 2, awarenessHz: 1, loadProcesses: 2 }
const WARMUP_SECONDS = 5
/** Others share this box; a measurement waits this long at most for them to calm down, and says what it found. */
export const QUIET_WAIT_MS = 60_000
export const QUIET_BUSY_CORES = 0.6
const TARGET_P99_MS = 100
const TARGET_RSS_KIB = 1024 * 1024

/** Scenario 1: 2,000 connections on one server process, 100 rooms × 20, a writer per room at 2/s, presence at 1 Hz from all. */
export async function runConnections(options: LoadOptions): Promise<ScenarioResult> {
  const measureSeconds = options.quick ? 15 : 60
  // RSS from the first connection on: the join of 2,000 clients is part of the peak.
  const sampling: { sampler: { stop: () => ServerSample[] } | null } = { sampler: null }
  const run = await openRoomLoad(LOAD, (server) => {
    sampling.sampler = sampleServer(server, 500)
  })
  try {
    const afterConnectKiB = run.server.rssKiB()
    await sleep(WARMUP_SECONDS * 1_000)
    // Measured while our own load runs, so the limit leaves room for server and load processes.
    await waitForQuietMachine(QUIET_WAIT_MS, QUIET_BUSY_CORES + 1)
    const window = await measureWindow(run, measureSeconds)
    const samples = sampling.sampler?.stop() ?? []
    sampling.sampler = null
    const peakKiB = Math.max(...samples.map((sample) => sample.rssKiB))
    const { figures } = window
    const p50 = figures.histogram.quantileMicros(0.5) / 1_000
    const p99 = figures.histogram.quantileMicros(0.99) / 1_000
    const expected = figures.sent * (LOAD.clientsPerRoom - 1)
    return {
      id: 'connections',
      title: `${LOAD.rooms * LOAD.clientsPerRoom} connections (${LOAD.rooms} rooms × ${LOAD.clientsPerRoom}, writer ${LOAD.writeHz}/s, presence ${LOAD.awarenessHz} Hz each)`,
      checks: [
        check('update delivery p99', ms(p99), `< ${TARGET_P99_MS} ms`, p99 < TARGET_P99_MS),
        check('update delivery p50', ms(p50), '—', null),
        check('server RSS peak', mib(peakKiB), `< ${mib(TARGET_RSS_KIB)}`, peakKiB < TARGET_RSS_KIB),
        check('deliveries / expected', `${figures.deliveries} / ${expected}`, 'all', figures.deliveries >= expected * 0.99 && figures.lostConnections === 0),
        check(
          'CPU: server / load processes / everything else',
          `${window.serverCores.toFixed(2)} / ${window.generatorCores.toFixed(2)} / ${window.otherCores.toFixed(2)} cores`,
          `of ${os.cpus().length}`,
          null,
        ),
        check('server thread runnable but waiting for a CPU', `${(window.serverWaitShare * 100).toFixed(0)} % of the time`, '—', null),
      ],
      figures: {
        connections: LOAD.rooms * LOAD.clientsPerRoom,
        connectMs: run.connectMs,
        measureSeconds: window.seconds,
        p50Ms: p50,
        p99Ms: p99,
        maxMs: figures.histogram.maxMicros / 1_000,
        deliveries: figures.deliveries,
        expectedDeliveries: expected,
        updatesSent: figures.sent,
        awarenessSent: figures.awarenessSent,
        awarenessReceived: figures.awarenessReceived,
        lostConnections: figures.lostConnections,
        rssAfterConnectMiB: afterConnectKiB / 1024,
        rssPeakMiB: peakKiB / 1024,
        serverCores: window.serverCores,
        generatorCores: window.generatorCores,
        otherCores: window.otherCores,
        serverWaitShare: window.serverWaitShare,
      },
    }
  } finally {
    sampling.sampler?.stop()
    await closeRoomLoad(run)
  }
}
