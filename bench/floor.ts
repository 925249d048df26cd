/*
 * `npm run bench:floor [-- --quick]`
 *
 * Where the CPU target of the load issue (≤ 0.7× the best durable peer per
 * delivery) lies against the transport itself. Fan-outs a and c, as
 * `npm run bench` runs them and in its balanced order, on four servers: a byte
 * relay (bench/peers/byteRelay.ts: ws, then one write per recipient of a frame
 * encoded once, nothing else), the in-memory reference, ours and Hocuspocus
 * with SQLite. Prints server CPU per delivery and p99, each ÷ Hocuspocus, and
 * last one JSON line (also written to bench/results/floor.json).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { runFanoutRound, summarizeFanout, type FanoutFigures, type FanoutRound, type FanoutTarget } from './fanout.ts'
import { runInfo } from './gitState.ts'
import { LoadPool } from './loadPool.ts'
import { waitForQuietMachine } from './procStats.ts'
import { format } from './report.ts'
import { FANOUT_A, FANOUT_C, fanoutTiming } from './scenarios.ts'
import { measuredRounds, warmUpRounds } from './serverOrder.ts'
import { runBenchMain, spawnUntilReady, startServer, type Launch } from './servers.ts'
import { Y_WEBSOCKET } from './wireFraming.ts'

const BYTE_RELAY_ENTRY = path.join(import.meta.dirname, 'peers/byteRelay.ts')
const RESULTS_FILE = path.join(import.meta.dirname, 'results/floor.json')
/** As in `npm run bench`: more than this is someone else's work on the shared box. */
const QUIET_LIMIT_CORES = 0.25
/** The target, as a share of the best durable peer's CPU per delivery (Hocuspocus in every run so far). */
const CPU_TARGET = 0.7

type FloorKind = 'floor' | 'ours' | 'ref' | 'hocuspocus'
const KINDS: readonly FloorKind[] = ['floor', 'ours', 'ref', 'hocuspocus']
const LABELS: Record<FloorKind, string> = {
  floor: 'byte relay (floor)',
  ours: 'ours',
  ref: 'ref (in memory)',
  hocuspocus: 'hocuspocus + SQLite',
}
const SCENES = [
  { id: 'fanout-a', ...FANOUT_A },
  { id: 'fanout-c', ...FANOUT_C },
]

interface Target extends FanoutTarget {
  stop(): Promise<void>
}

/** The byte relay is TypeScript, so its node loads tsx; that costs at start only. */
const BYTE_RELAY: Launch = { entry: BYTE_RELAY_ENTRY, env: {}, readyPath: '/', isReadyBody: (body) => body === 'okay' }

async function startByteRelay(): Promise<Target> {
  const relay = await spawnUntilReady('the byte relay', ['--import', 'tsx'], BYTE_RELAY)
  let next = 0
  return {
    pid: relay.pid,
    createBoards: (count, label) => Promise.resolve(Array.from({ length: count }, () => `${label}-${next++}`)),
    boardUrl: (boardId) => `ws://127.0.0.1:${relay.port}/${encodeURIComponent(boardId)}`,
    boardFraming: () => Y_WEBSOCKET,
    stop: () => relay.stop(false),
  }
}

function startTarget(kind: FloorKind): Promise<Target> {
  return kind === 'floor' ? startByteRelay() : startServer(kind, { inspect: false })
}

function perKind<T>(value: (kind: FloorKind) => T): Record<FloorKind, T> {
  return Object.fromEntries(KINDS.map((kind) => [kind, value(kind)])) as Record<FloorKind, T>
}

async function runScene(
  pool: LoadPool,
  scene: (typeof SCENES)[number],
  order: readonly FloorKind[],
  quick: boolean,
  runTag: string,
): Promise<Record<FloorKind, FanoutFigures>> {
  const timing = fanoutTiming(quick)
  const settle = async (): Promise<void> => {
    const cores = await waitForQuietMachine(quick ? 3_000 : 20_000, QUIET_LIMIT_CORES)
    if (cores > QUIET_LIMIT_CORES) process.stderr.write(`  ! ${cores.toFixed(2)} cores of other load on the box; measuring anyway\n`)
  }
  const started = await Promise.allSettled(KINDS.map(async (kind) => [kind, await startTarget(kind)] as const))
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  try {
    const failed = started.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    const targets = Object.fromEntries(running) as Record<FloorKind, Target>
    // Warm-up rounds first, as in `npm run bench`: fresh servers still run baseline code.
    for (const kind of warmUpRounds(order, quick)) {
      await settle()
      await runFanoutRound(pool, targets[kind], scene.spec, timing, `${runTag} ${scene.id} warm-up`)
    }
    const collected = perKind((): FanoutRound[] => [])
    for (const [index, kind] of measuredRounds(order, quick).entries()) {
      await settle()
      collected[kind].push(await runFanoutRound(pool, targets[kind], scene.spec, timing, `${runTag} ${scene.id} ${index}`))
    }
    return perKind((kind) => summarizeFanout(collected[kind]))
  } finally {
    await Promise.all(running.map(([, target]) => target.stop()))
  }
}

function renderScene(title: string, figures: Record<FloorKind, FanoutFigures>): string {
  const peer = figures.hocuspocus
  const rows = KINDS.map((kind) => {
    const own = figures[kind]
    return [
      LABELS[kind].padEnd(20),
      format(own.serverCpuUsPerDelivery, 1).padStart(12),
      format(own.serverCpuUsPerDelivery / peer.serverCpuUsPerDelivery, 2).padStart(14),
      format(own.p99Ms, 2).padStart(8),
      format(own.p99Ms / peer.p99Ms, 2).padStart(14),
      format(own.deliveredShare, 3).padStart(10),
    ].join('')
  })
  const target = CPU_TARGET * peer.serverCpuUsPerDelivery
  return [
    title,
    `${'server'.padEnd(20)}${'µs/delivery'.padStart(12)}${'÷ hocuspocus'.padStart(14)}${'p99 ms'.padStart(8)}${'÷ hocuspocus'.padStart(14)}${'delivered'.padStart(10)}`,
    ...rows,
    `target ${CPU_TARGET} × hocuspocus = ${format(target, 1)} µs/delivery: ${format(target / figures.floor.serverCpuUsPerDelivery, 2)} × the byte relay, ${format(target / figures.ref.serverCpuUsPerDelivery, 2)} × the in-memory reference`,
  ].join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } })
  const quick = values.quick
  const startedAt = new Date()
  const runTag = `floor${startedAt.getTime().toString(36)}`
  const pool = new LoadPool(2)
  const results: Record<string, { title: string; servers: Record<FloorKind, FanoutFigures> }> = {}
  try {
    for (const [index, scene] of SCENES.entries()) {
      // Which server goes first rotates from scene to scene, as in `npm run bench`.
      const order = KINDS.map((_, position) => KINDS[(position + index) % KINDS.length] as FloorKind)
      process.stderr.write(`▶ ${scene.id}: ${scene.title} [${order.join(', ')}]\n`)
      results[scene.id] = { title: scene.title, servers: await runScene(pool, scene, order, quick, runTag) }
    }
  } finally {
    pool.close()
  }
  for (const { title, servers } of Object.values(results)) process.stdout.write(`\n${renderScene(title, servers)}\n`)
  const line = JSON.stringify({
    bench: 'transport floor: a byte relay beside ours, the in-memory reference and Hocuspocus with SQLite',
    ...runInfo(startedAt, quick),
    scenarios: results,
  })
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true })
  fs.writeFileSync(RESULTS_FILE, `${line}\n`)
  process.stdout.write(`\n${line}\n`)
}

runBenchMain(main)
