/*
 * `npm run bench [-- --quick] [-- --only a,b,cold-sync] [-- --load-processes N]`
 *
 * Runs ours (server/main.ts), the reference @y/websocket-server in memory, and
 * the durable peers (the reference with y-leveldb, Hocuspocus with SQLite) side
 * by side under the same load, in an order balanced over rounds and scenarios
 * (serverOrder.ts), and prints a table and, last, one JSON line (also written
 * to bench/results/latest.json).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gitState } from './gitState.ts'
import { LoadPool } from './loadPool.ts'
import { mainThreadProfile, renderHotFunctions, summarizeProfile } from './profileSummary.ts'
import { buildJson, renderTable, type ScenarioResults } from './report.ts'
import { SCENARIOS, type Scenario } from './scenarios.ts'
import { waitForQuietMachine } from './procStats.ts'
import { startOrder } from './serverOrder.ts'
import { DURABLE_PEERS, runBenchMain, SERVER_KINDS, startServer, type ServerHandle, type ServerKind } from './servers.ts'

const RESULTS_DIR = path.join(import.meta.dirname, 'results')
const RESULTS_FILE = path.join(RESULTS_DIR, 'latest.json')
const PROFILE_DIR = path.join(RESULTS_DIR, 'profiles')
const HOT_FUNCTIONS_SHOWN = 15
/** Idle servers and load processes use a few hundredths of a core; more than this is someone else's work. */
const QUIET_LIMIT_CORES = 0.25
const ALIASES: Record<string, string> = { a: 'fanout-a', b: 'fanout-b', c: 'fanout-c', sync: 'cold-sync', rss: 'memory' }

const METHOD_NOTES = [
  'servers: ours = the built bundle (dist/server.mjs, SQLite in a temp DATA_DIR); ref = @y/websocket-server@0.1.1 in memory; ref-leveldb = the same with YPERSISTENCE=<temp dir> (y-leveldb@0.2.0, classic-level); hocuspocus = @hocuspocus/server@4.7.0 with @hocuspocus/extension-sqlite@4.7.0 (better-sqlite3, temp file), bench/peers/hocuspocusServer.mjs; all on plain node, fresh per scenario',
  'durable peers = ref-leveldb and hocuspocus; "best durable" = the better of the two per metric',
  'durability differs: ours appends each update to SQLite before it broadcasts it; ref-leveldb writes each update to LevelDB without waiting; hocuspocus stores the whole document debounced (its defaults: 2 s, at most 10 s) and on unload',
  'hocuspocus speaks its own framing (document name before every message, an auth message first); the load clients speak it (bench/wireFraming.ts); its idle timeout is raised to 30 min because raw receivers send nothing after the handshake',
  'hocuspocus 4 (flushDelay 0, its default) merges the updates that arrive in one event-loop turn into one frame per client, so a busy or starved server sends fewer, larger frames; every update in a frame counts as a delivery',
  'deliveries = updates received by clients other than the writer; ref, ref-leveldb and hocuspocus also echo each update to its writer (echoes are not counted), ours does not',
  'server CPU = on-CPU time of all the server process\'s threads over the window (/proc/<pid>/task/*/schedstat, ns), divided by deliveries',
  'latency = receive − send on CLOCK_MONOTONIC, stamped into the update by the writer; clients are raw ws connections in separate load processes',
  'generator CPU = load processes + this process; the machine\'s cores are shared by server and generator',
  'fan-out figures are steady state: each fresh server first runs two rounds of the same load (A B C D D C B A), while V8 still optimizes its code; the first is only shown as "first round"; measured rounds go in Latin-square blocks (A B C D, D C B A, C D A B, B A D C), and which server is A rotates from scenario to scenario',
]

function usage(): string {
  const ids = SCENARIOS.map((scenario) => scenario.id).join(', ')
  return [
    'usage: npm run bench -- [--quick] [--only <ids>] [--load-processes <n>] [--profile]',
    '  --quick               short windows, one round per server: a smoke run of a few minutes',
    `  --only <ids>          comma-separated scenarios: ${ids} (aliases a, b, c, sync, rss)`,
    '  --load-processes <n>  load generator processes (default 2)',
    '  --profile             run every server with --cpu-prof; prints their hottest functions per scenario',
    '                        (profiles in bench/results/profiles/; profiling slows every server)',
  ].join('\n')
}

function selectScenarios(only: string | undefined): Scenario[] {
  if (!only) return SCENARIOS
  const wanted = new Set(only.split(',').map((id) => ALIASES[id.trim()] ?? id.trim()))
  const unknown = [...wanted].filter((id) => !SCENARIOS.some((scenario) => scenario.id === id))
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}\n${usage()}`)
  return SCENARIOS.filter((scenario) => wanted.has(scenario.id))
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'load-processes': { type: 'string', default: '2' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${usage()}\n`)
    return
  }
  const loadProcesses = Number(values['load-processes'])
  if (!Number.isInteger(loadProcesses) || loadProcesses < 1 || loadProcesses > 8) throw new Error('--load-processes must be 1…8')
  const scenarios = selectScenarios(values.only)
  const quick = values.quick
  const startedAt = new Date()
  const runTag = `bench${startedAt.getTime().toString(36)}`
  const results = new Map<string, ScenarioResults>()
  const profiles: string[] = []
  const errors = new Map<string, string>()

  let busyRuns = 0
  // Waiting for a quiet box is bounded per run and in total, so a busy box cannot stretch the bench without end.
  let quietBudgetMs = quick ? 10_000 : 120_000
  const settle = async (): Promise<void> => {
    const waitStart = Date.now()
    const cores = await waitForQuietMachine(Math.min(quick ? 3_000 : 20_000, quietBudgetMs), QUIET_LIMIT_CORES)
    quietBudgetMs = Math.max(0, quietBudgetMs - (Date.now() - waitStart))
    if (cores > QUIET_LIMIT_CORES) {
      busyRuns += 1
      process.stderr.write(`  ! ${cores.toFixed(2)} cores of other load on the box; measuring anyway\n`)
    }
  }

  const pool = new LoadPool(loadProcesses)
  try {
    for (const [index, scenario] of scenarios.entries()) {
      const order = startOrder(index)
      process.stderr.write(`▶ ${scenario.id}: ${scenario.title} [${order.join(', ')}]\n`)
      const scenarioStart = performance.now()
      const inspect = scenario.inspect === true
      const profileOf = (kind: ServerKind): string | undefined =>
        values.profile ? path.join(PROFILE_DIR, `${runTag}-${scenario.id}-${kind}`) : undefined
      const started = await Promise.allSettled(SERVER_KINDS.map((kind) => startServer(kind, { inspect, profileDir: profileOf(kind) })))
      const handles = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
      try {
        const failedStart = started.find((result) => result.status === 'rejected')
        if (failedStart) throw failedStart.reason
        const servers = Object.fromEntries(handles.map((handle) => [handle.kind, handle])) as Record<ServerKind, ServerHandle>
        results.set(scenario.id, await scenario.run({ pool, servers, order, quick, runTag, settle }))
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        errors.set(scenario.id, message)
        process.stderr.write(`  ✗ ${scenario.id} failed: ${message}\n`)
      } finally {
        await Promise.all(handles.map((handle) => handle.stop()))
      }
      for (const kind of SERVER_KINDS) {
        const dir = profileOf(kind)
        if (!dir) continue
        const file = mainThreadProfile(dir)
        profiles.push(renderHotFunctions(`${scenario.id} ${kind} (${path.relative(process.cwd(), file)})`, summarizeProfile(file, HOT_FUNCTIONS_SHOWN)))
      }
      process.stderr.write(`  done in ${((performance.now() - scenarioStart) / 1_000).toFixed(1)} s\n`)
    }
  } finally {
    pool.close()
  }

  const json = buildJson(scenarios, results, errors, {
    bench: 'ideenschmiede board sync vs @y/websocket-server@0.1.1 (in memory and with y-leveldb@0.2.0) and @hocuspocus/server@4.7.0 with extension-sqlite',
    servers: SERVER_KINDS,
    durablePeers: DURABLE_PEERS,
    startedAt: startedAt.toISOString(),
    durationSec: Math.round((Date.now() - startedAt.getTime()) / 1_000),
    mode: quick ? 'quick' : 'full',
    profiled: values.profile,
    git: gitState(),
    node: process.version,
    cpus: os.cpus().length,
    loadProcesses,
    runsStartedOnBusyBox: busyRuns,
    method: METHOD_NOTES,
  })
  process.stdout.write(`\n${renderTable(scenarios, results, errors)}\n\n`)
  for (const note of METHOD_NOTES) process.stdout.write(`method: ${note}\n`)
  if (profiles.length > 0) process.stdout.write(`\n${profiles.join('\n\n')}\n`)
  const line = JSON.stringify(json)
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  fs.writeFileSync(RESULTS_FILE, `${line}\n`)
  process.stdout.write(`\n${line}\n`)
  if (errors.size > 0) process.exitCode = 1
}

runBenchMain(main)
