/*
 * `npm run bench:scaleout [-- --quick] [-- --load-processes N]`
 *
 * Issue 18: the same server as 1 process and as 2 processes, both on
 * PostgreSQL and Redis so only the process count differs, under the same
 * load (clients of each board alternate between the processes). Prints a
 * table, a paper estimate and, last, one JSON line (also written to
 * bench/results/scaleout-latest.json).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { runInfo } from './gitState.ts'
import { LoadPool } from './loadPool.ts'
import { waitForQuietMachine } from './procStats.ts'
import { POSTGRES_URL, REDIS_URL, startCluster, stopOpenClusters } from './scaleOutCluster.ts'
import { estimate, type EstimateInput } from './scaleOutEstimate.ts'
import { renderEstimate, renderTable, type SetupResult } from './scaleOutReport.ts'
import { connectionRamp, sweepShape, type RoomShape } from './scaleOutRuns.ts'
import { killAllChildren } from './servers.ts'

const RESULTS_DIR = path.join(import.meta.dirname, 'results')
const RESULTS_FILE = path.join(RESULTS_DIR, 'scaleout-latest.json')
const P99_LIMIT_MS = 50
/** Idle servers and load processes use a few hundredths of a core; more than this is someone else's work. */
const QUIET_LIMIT_CORES = 0.25

const SHAPES: RoomShape[] = [
  { id: 'plenary', title: '1 room × 100 clients × 10 writers', rooms: 1, clientsPerRoom: 100, writersPerRoom: 10 },
  { id: 'breakouts', title: '20 rooms × 10 clients × 1 writer', rooms: 20, clientsPerRoom: 10, writersPerRoom: 1 },
]

/** Rates per writer; the breakout shape has 20 writers with 9 viewers each, so it needs higher rates to load the server alike. */
const RATES_HZ: Record<'quick' | 'full', Record<string, number[]>> = {
  quick: { plenary: [5, 15, 40], breakouts: [5, 20, 50] },
  full: { plenary: [5, 10, 15, 20, 30, 40, 50, 60, 80, 120], breakouts: [5, 10, 15, 25, 40, 60, 80, 100, 150, 200] },
}

const METHOD_NOTES = [
  'both setups run the built server bundle on plain node with DATABASE_URL (a fresh PostgreSQL schema) and REDIS_URL (a fresh key prefix); only the process count differs',
  'clients of each board alternate between the processes (client i of room r goes to process (r + i) mod n), so writers alternate too; boards are created through process 0\'s API',
  'deliveries = updates received by clients other than the writer; latency = receive − send on CLOCK_MONOTONIC, stamped into the update by the writer',
  'server CPU = on-CPU time of all server processes\' threads over the window (/proc/<pid>/task/*/schedstat), divided by deliveries',
  'sweep: the writer rate rises until p99 passes 50 ms in two windows in a row; "at it" = the last step within the limit',
  'relay lag = Redis stream entry id time (XADD) → the other process reading it, from relay_lag_seconds on each /metrics before and after each window; p99 is the bucket bound it falls in (buckets 1, 2.5, 5, 10, 25, 50 ms …)',
  'the 2 cores are shared by the server processes, the load generator, PostgreSQL and Redis: 2 processes cannot get 2 cores to themselves, so 2/1 is a lower bound of what a second core would give',
  'PostgreSQL and Redis run on this box too: their CPU is not in "server CPU"; "PG+Redis" is the CPU of all postgres and redis-server processes (others\' tests may use them too), "other" = busy CPU of the box besides servers and generator, including PG+Redis',
  'connection ramp: idle clients (no writers) on fresh processes before the sweeps, RSS without a forced GC: a rough per-connection figure',
]

function usage(): string {
  return [
    'usage: npm run bench:scaleout -- [--quick] [--load-processes <n>]',
    '  --quick               short windows and three rates per sweep: a smoke run of a minute or two',
    '  --load-processes <n>  load generator processes (default 2)',
    `  PostgreSQL: ${POSTGRES_URL} (BENCH_DATABASE_URL), Redis: ${REDIS_URL} (BENCH_REDIS_URL)`,
  ].join('\n')
}

async function runSetup(processes: number, pool: LoadPool, quick: boolean, runTag: string, settle: () => Promise<void>): Promise<SetupResult> {
  const result: SetupResult = { processes, shapes: {}, ramp: null, errors: [] }
  const cluster = await startCluster(processes)
  try {
    // First, on fresh processes: after the sweeps their heaps have room to spare and RSS no longer grows with connections.
    process.stderr.write(`▶ ${processes} process(es): connection ramp\n`)
    try {
      result.ramp = await connectionRamp(pool, cluster, quick ? 400 : 1_000, quick ? 2 : 4, `${runTag} ramp`)
    } catch (error) {
      result.errors.push(`ramp: ${error instanceof Error ? error.message : String(error)}`)
    }
    for (const shape of SHAPES) {
      process.stderr.write(`▶ ${processes} process(es): ${shape.title}\n`)
      await settle()
      try {
        result.shapes[shape.id] = await sweepShape(
          pool,
          cluster,
          shape,
          {
            ratesHz: RATES_HZ[quick ? 'quick' : 'full'][shape.id] ?? [],
            warmupMs: quick ? 500 : 1_000,
            windowMs: quick ? 1_500 : 5_000,
            p99LimitMs: P99_LIMIT_MS,
          },
          `${runTag} ${shape.id}`,
        )
      } catch (error) {
        result.errors.push(`${shape.id}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  } finally {
    await cluster.stop()
  }
  return result
}

/**
 * The CPU per delivery of the last step within the limit; when none stayed
 * within it (others' load on this shared box can do that), the first step's,
 * which costs more per delivery (less batching), so the estimate errs low.
 */
function usPerDelivery(setup: SetupResult, id: string): { us: number | null; fallback: boolean } {
  const figures = setup.shapes[id]
  const step = figures?.atLimit ?? figures?.steps[0]
  return { us: step?.serverCpuUsPerDelivery ?? null, fallback: figures?.atLimit === null }
}

function estimateInputs(one: SetupResult, two: SetupResult): EstimateInput[] {
  const us = (setup: SetupResult, id: string): number | null => usPerDelivery(setup, id).us
  return SHAPES.map((shape) => ({
    label:
      `${shape.id} (boards of ${shape.clientsPerRoom}: each update to ${shape.clientsPerRoom - 1} viewers)` +
      ([one, two].some((setup) => usPerDelivery(setup, shape.id).fallback) ? ' [first-step CPU: no step within the limit]' : ''),
    viewers: shape.clientsPerRoom - 1,
    participantsPerBoard: shape.clientsPerRoom,
    usPerDelivery1: us(one, shape.id),
    usPerDelivery2: us(two, shape.id),
  }))
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'load-processes': { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${usage()}\n`)
    return
  }
  const loadProcesses = Number(values['load-processes'])
  if (!Number.isInteger(loadProcesses) || loadProcesses < 1 || loadProcesses > 8) throw new Error('--load-processes must be 1…8')
  const quick = values.quick
  const startedAt = new Date()
  const runTag = `scaleout${startedAt.getTime().toString(36)}`
  let busyRuns = 0
  // Waiting for a quiet box is bounded per sweep and in total, so a busy box cannot stretch the bench without end.
  let quietBudgetMs = quick ? 10_000 : 150_000
  const settle = async (): Promise<void> => {
    const waitStart = Date.now()
    const cores = await waitForQuietMachine(Math.min(quick ? 3_000 : 45_000, quietBudgetMs), QUIET_LIMIT_CORES)
    quietBudgetMs = Math.max(0, quietBudgetMs - (Date.now() - waitStart))
    if (cores > QUIET_LIMIT_CORES) {
      busyRuns += 1
      process.stderr.write(`  ! ${cores.toFixed(2)} cores of other load on the box; measuring anyway\n`)
    }
  }

  const pool = new LoadPool(loadProcesses)
  let setups: [SetupResult, SetupResult]
  try {
    setups = [await runSetup(1, pool, quick, runTag, settle), await runSetup(2, pool, quick, runTag, settle)]
  } finally {
    pool.close()
  }
  const inputs = estimateInputs(...setups)
  const estimates = inputs.flatMap(estimate)
  const json = {
    bench: 'ideenschmiede scale-out: 1 vs 2 server processes on PostgreSQL + Redis',
    ...runInfo(startedAt, quick),
    loadProcesses,
    runsStartedOnBusyBox: busyRuns,
    p99LimitMs: P99_LIMIT_MS,
    shapes: SHAPES,
    setups,
    estimate: estimates,
    method: METHOD_NOTES,
  }
  process.stdout.write(`\n${renderTable(SHAPES, setups, P99_LIMIT_MS)}\n\n`)
  for (const note of METHOD_NOTES) process.stdout.write(`method: ${note}\n`)
  process.stdout.write(`\n${renderEstimate(inputs, estimates)}\n`)
  const line = JSON.stringify(json)
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  fs.writeFileSync(RESULTS_FILE, `${line}\n`)
  process.stdout.write(`\n${line}\n`)
  if (setups.some((setup) => setup.errors.length > 0)) process.exitCode = 1
}

/** Kills the servers and load processes, then drops the schemas and Redis keys of clusters still open (bounded). */
async function cleanUp(): Promise<void> {
  killAllChildren()
  await Promise.race([stopOpenClusters(), new Promise((resolve) => setTimeout(resolve, 10_000))])
}

process.on('exit', killAllChildren)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void cleanUp().finally(() => process.exit(130))
  })
}

main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  await cleanUp()
  process.exit(1)
})
