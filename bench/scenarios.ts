import { runColdSync, runMemory } from './boards.ts'
import { runFanoutRound, summarize, summarizeFanout, type FanoutRound, type FanoutSpec } from './fanout.ts'
import type { LoadPool } from './loadPool.ts'
import { blockOrder, measuredRounds, warmUpRounds } from './serverOrder.ts'
import { SERVER_KINDS, type ServerHandle, type ServerKind } from './servers.ts'
import { runSweep } from './sweep.ts'

export type Figures = Record<string, unknown>

export interface MetricSpec {
  key: string
  label: string
  /** Which direction is good, for the "better" column; null when neither is. */
  lowerIsBetter: boolean | null
  digits: number
}

export interface ScenarioContext {
  pool: LoadPool
  servers: Record<ServerKind, ServerHandle>
  /** Every server once, the first going first; rotates from scenario to scenario (serverOrder.ts). */
  order: ServerKind[]
  quick: boolean
  runTag: string
  /** Call before each measured run: waits (bounded) for other load on the shared box to pass. */
  settle(): Promise<void>
}

export interface Scenario {
  id: string
  title: string
  notes: string[]
  metrics: MetricSpec[]
  /** Start the servers with the inspector, to force a GC before reading memory. */
  inspect?: boolean
  run(context: ScenarioContext): Promise<Record<ServerKind, Figures>>
}

const FANOUT_METRICS: MetricSpec[] = [
  { key: 'p50Ms', label: 'latency p50 (ms)', lowerIsBetter: true, digits: 2 },
  { key: 'p99Ms', label: 'latency p99 (ms)', lowerIsBetter: true, digits: 2 },
  { key: 'p999Ms', label: 'latency p99.9 (ms)', lowerIsBetter: true, digits: 2 },
  { key: 'maxMs', label: 'latency max (ms)', lowerIsBetter: true, digits: 2 },
  { key: 'deliveriesPerSec', label: 'deliveries/s', lowerIsBetter: false, digits: 0 },
  { key: 'deliveredShare', label: 'delivered / expected', lowerIsBetter: false, digits: 3 },
  { key: 'serverCpuUsPerDelivery', label: 'server CPU µs/delivery', lowerIsBetter: true, digits: 2 },
  { key: 'serverCpuCores', label: 'server CPU (cores)', lowerIsBetter: true, digits: 2 },
  { key: 'firstRoundCpuUsPerDelivery', label: 'server CPU µs/delivery, first round', lowerIsBetter: true, digits: 2 },
  { key: 'generatorCpuCores', label: 'generator CPU (cores)', lowerIsBetter: null, digits: 2 },
  { key: 'otherCpuCores', label: 'other load on the box (cores)', lowerIsBetter: null, digits: 2 },
  { key: 'joinMs', label: 'all clients joined (ms)', lowerIsBetter: true, digits: 0 },
]

/** Warm-up before each round's window, and the window. */
export function fanoutTiming(quick: boolean): { warmupMs: number; windowMs: number } {
  return quick ? { warmupMs: 500, windowMs: 2_000 } : { warmupMs: 2_000, windowMs: 5_000 }
}

function fanoutScenario(id: string, title: string, spec: FanoutSpec, notes: string[] = []): Scenario {
  return {
    id,
    title,
    notes,
    metrics: FANOUT_METRICS,
    async run({ pool, servers, order, quick, runTag, settle }) {
      const timing = fanoutTiming(quick)
      // Each scenario starts fresh servers, whose code V8 still runs in its baseline tiers for the first round (a
      // third more CPU per delivery for ours in fan-out c, an eighth for the reference), and the second round still
      // costs a tenth more than later ones; a venue server runs for hours. So each server first gets two rounds of
      // the same load that are not merged; the first of them is reported on its own.
      const warmUp = warmUpRounds(order, quick)
      // Measured rounds in blocks of a Latin square, so drift of the shared machine over the scenario hits every
      // server alike (serverOrder.ts). (With two servers, B A A B B A A B put the second server at both ends: two
      // copies of ours measured 0.89 with ours first and 1.13 with it second, three runs each.)
      const measured = measuredRounds(order, quick)
      const firstRound: Partial<Record<ServerKind, FanoutRound>> = {}
      for (const kind of warmUp) {
        await settle()
        const round = await runFanoutRound(pool, servers[kind], spec, timing, `${runTag} ${id} warm-up`)
        firstRound[kind] ??= round
      }
      const collected = perServer((): FanoutRound[] => [])
      for (const [index, kind] of measured.entries()) {
        await settle()
        collected[kind].push(await runFanoutRound(pool, servers[kind], spec, timing, `${runTag} ${id} ${index}`))
      }
      const figures = (kind: ServerKind): Figures => ({
        ...summarizeFanout(collected[kind]),
        firstRoundCpuUsPerDelivery: firstRound[kind] ? summarize([firstRound[kind].window]).serverCpuUsPerDelivery : Number.NaN,
      })
      return perServer(figures)
    },
  }
}

function perServer<T>(value: (kind: ServerKind) => T): Record<ServerKind, T> {
  return Object.fromEntries(SERVER_KINDS.map((kind) => [kind, value(kind)])) as Record<ServerKind, T>
}

/** The two light fan-outs, where a fixed cost per update weighs most; bench:floor runs them too. */
export const FANOUT_A = {
  title: '1 room × 50 clients, 1 writer at 20 updates/s',
  spec: { rooms: 1, clientsPerRoom: 50, writersPerRoom: 1, rateHz: 20 },
} as const satisfies { title: string; spec: FanoutSpec }
export const FANOUT_C = {
  title: '20 rooms × 10 clients, 1 writer per room at 10 updates/s',
  spec: { rooms: 20, clientsPerRoom: 10, writersPerRoom: 1, rateHz: 10 },
} as const satisfies { title: string; spec: FanoutSpec }

export const SCENARIOS: Scenario[] = [
  fanoutScenario('fanout-a', FANOUT_A.title, FANOUT_A.spec),
  fanoutScenario('fanout-b', '1 room × 200 clients, 5 writers at 10 updates/s each', {
    rooms: 1,
    clientsPerRoom: 200,
    writersPerRoom: 5,
    rateHz: 10,
  }),
  fanoutScenario('fanout-c', FANOUT_C.title, FANOUT_C.spec),
  fanoutScenario(
    'big-board',
    '1 room × 50 clients, 5 writers at 20 updates/s, on a board of 5,000 records',
    { rooms: 1, clientsPerRoom: 50, writersPerRoom: 5, rateHz: 20, seedRecords: 5_000 },
    [
      'not in the issue: shows what a board of workshop size costs per update (ours compacts its log every 500 updates)',
      'receivers join claiming the seeded state, so only the writers fetch the 1.3 MB board',
    ],
  ),
  {
    id: 'cold-sync',
    title: '50 clients sync a stored board of 5,000 records (~300 B each)',
    notes: [
      'ours: cold load from SQLite (the room unloaded after the seeding client left, checked on /metrics)',
      'ref: memory only, so "cold" just means the seeding client disconnected; the document stayed in memory',
      'ref-leveldb: cold load from LevelDB (the reference drops a persisted document when its last client leaves)',
      'hocuspocus: cold load from SQLite (it stores and unloads a document when its last client leaves)',
      'synced = the client holds all 5,000 records: ref-leveldb answers a step 1 before LevelDB has loaded, and sends the board as an update after it',
    ],
    metrics: [
      { key: 'allSyncedMs', label: 'all 50 synced (ms)', lowerIsBetter: true, digits: 0 },
      { key: 'medianClientMs', label: 'median client synced (ms)', lowerIsBetter: true, digits: 0 },
      { key: 'verifiedShare', label: 'clients verified 5,000 records', lowerIsBetter: false, digits: 2 },
      { key: 'seedMs', label: 'seeding confirmed (ms)', lowerIsBetter: true, digits: 0 },
    ],
    async run({ pool, servers, order, quick, runTag, settle }) {
      const options = { records: 5_000, clients: 50 }
      const repeats = quick ? 1 : 3
      const boardIds: Partial<Record<ServerKind, string>> = {}
      for (const kind of order) boardIds[kind] = (await servers[kind].createBoards(1, `${runTag} cold sync`))[0]
      const runs = perServer((): Figures[] => [])
      // One board per server, seeded once; each repeat is cold again for the durable servers: they unload it.
      for (let repeat = 0; repeat < repeats; repeat++) {
        for (const kind of blockOrder(order, repeat)) {
          await settle()
          const boardId = boardIds[kind]
          if (!boardId) throw new Error(`no cold-sync board on ${kind}`)
          runs[kind].push({ ...(await runColdSync(pool, servers[kind], { ...options, seed: repeat === 0 }, boardId)) })
        }
      }
      return perServer((kind) => medianFigures(runs[kind]))
    },
  },
  {
    id: 'memory',
    title: 'server RSS: baseline, 100 boards (~50 records each) open, all closed again',
    notes: [
      'the in-memory reference keeps every document for good; ours, ref-leveldb and hocuspocus unload a board when its last client leaves',
      'rooms open after close: ours only (its /metrics); the others report no such figure',
      'every sample follows a full GC forced through the inspector (--inspect=127.0.0.1:0); RSS also holds heap V8 keeps reserved',
    ],
    inspect: true,
    metrics: [
      { key: 'rssBaselineMiB', label: 'RSS baseline (MiB)', lowerIsBetter: true, digits: 1 },
      { key: 'rssOpenMiB', label: 'RSS, 100 boards open (MiB)', lowerIsBetter: true, digits: 1 },
      { key: 'rssClosedMiB', label: 'RSS, all closed again (MiB)', lowerIsBetter: true, digits: 1 },
      { key: 'rssRetainedMiB', label: 'RSS retained over baseline (MiB)', lowerIsBetter: true, digits: 1 },
      { key: 'heapBaselineMiB', label: 'live heap baseline (MiB)', lowerIsBetter: true, digits: 1 },
      { key: 'heapOpenMiB', label: 'live heap, 100 boards open (MiB)', lowerIsBetter: true, digits: 1 },
      { key: 'heapClosedMiB', label: 'live heap, all closed again (MiB)', lowerIsBetter: true, digits: 1 },
      { key: 'heapRetainedMiB', label: 'live heap retained (MiB)', lowerIsBetter: true, digits: 2 },
      { key: 'roomsOpenAfterClose', label: 'rooms open after close', lowerIsBetter: true, digits: 0 },
    ],
    async run({ servers, order, runTag, settle }) {
      const options = { boards: 100, recordsPerBoard: 50, concurrency: 10 }
      const result: Partial<Record<ServerKind, Figures>> = {}
      for (const kind of order) {
        await settle()
        result[kind] = { ...(await runMemory(servers[kind], options, `${runTag} memory`)) }
      }
      return perServer((kind) => result[kind] ?? {})
    },
  },
  fanoutScenario(
    'heavy',
    '1 room × 500 clients, 10 writers at 10 updates/s each',
    { rooms: 1, clientsPerRoom: 500, writersPerRoom: 10, rateHz: 10 },
    ['meant to saturate: a delivered share well below 1 or a p99 of seconds means a server fell behind'],
  ),
  {
    id: 'sweep',
    title: 'rate sweep, 1 room × 100 clients × 10 writers: where p99 passes 50 ms',
    notes: ['each server runs its own sweep; a step whose p99 passes 50 ms in two windows in a row ends it'],
    metrics: [
      { key: 'lastWithinLimitUpdatesPerSec', label: 'last rate with p99 ≤ 50 ms (updates/s)', lowerIsBetter: false, digits: 0 },
      { key: 'p99PassesLimitAtUpdatesPerSec', label: 'p99 > 50 ms at (updates/s)', lowerIsBetter: false, digits: 0 },
    ],
    async run({ pool, servers, order, quick, runTag, settle }) {
      const options = {
        clients: 100,
        writers: 10,
        ratesHz: quick ? [10, 40, 80] : [5, 10, 20, 30, 40, 50, 60, 80, 120, 160],
        warmupMs: quick ? 500 : 1_000,
        windowMs: quick ? 1_500 : 4_000,
        p99LimitMs: 50,
      }
      const result: Partial<Record<ServerKind, Figures>> = {}
      for (const kind of order) {
        await settle()
        result[kind] = { ...(await runSweep(pool, servers[kind], options, `${runTag} sweep`)) }
      }
      return perServer((kind) => result[kind] ?? {})
    },
  },
]

/** Median of each numeric figure over repeats. */
function medianFigures(runs: Figures[]): Figures {
  const merged: Figures = {}
  for (const key of Object.keys(runs[0] ?? {})) {
    const values = runs
      .map((run) => run[key])
      .filter((value): value is number => typeof value === 'number' && !Number.isNaN(value))
      .sort((a, b) => a - b)
    merged[key] = values.length > 0 ? values[Math.floor(values.length / 2)] : Number.NaN
  }
  return merged
}
