/*
 * `npm run bench:load [-- --quick] [-- --only connections,storm] [-- --soak-minutes 30] [-- --nice=-10]`:
 * the sync server under real load (issue 17), each scenario against a fresh
 * server started as production runs it (`node dist/server.mjs`, own
 * DATA_DIR and SQLite file). Prints a table of figures against their
 * targets and one JSON line, also written to bench/results/load-latest.json.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gitState } from '../gitState.ts'
import { killAllChildren } from '../servers.ts'
import { runConnections } from './connections.ts'
import { runHostile } from './hostile.ts'
import { runKills } from './kills.ts'
import { renderTable } from './report.ts'
import type { LoadOptions, ScenarioId, ScenarioResult } from './scenarioResult.ts'
import { runSlowConsumer } from './slowConsumer.ts'
import { runSoak } from './soak.ts'
import { runStorm } from './storm.ts'

const RESULTS_FILE = path.join(import.meta.dirname, '..', 'results', 'load-latest.json')
const SCENARIOS: Record<ScenarioId, (options: LoadOptions) => Promise<ScenarioResult>> = {
  connections: runConnections,
  storm: runStorm,
  kills: runKills,
  hostile: runHostile,
  slow: runSlowConsumer,
  soak: runSoak,
}
const QUICK_SOAK_MINUTES = 2
const ORDER = Object.keys(SCENARIOS)

interface StoredResult {
  id: string
  at: string
  git: ReturnType<typeof gitState>
  options: LoadOptions
  title: string
  checks: ScenarioResult['checks']
  figures: Record<string, unknown>
}

function readStoredResults(): StoredResult[] {
  if (!fs.existsSync(RESULTS_FILE)) return []
  const parsed: unknown = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'))
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { results?: unknown }).results)) {
    throw new Error(`${RESULTS_FILE} is not a load benchmark result; move it away or run every scenario`)
  }
  // Our own file, written by this script; the shape was checked above as far as merging needs it.
  return (parsed as { results: StoredResult[] }).results
}

function failedScenario(id: ScenarioId, error: unknown): ScenarioResult {
  console.error(error)
  const message = error instanceof Error ? error.message : String(error)
  return { id, title: 'did not complete', checks: [{ label: 'error', value: message.slice(0, 200), target: 'none', met: false }], figures: { error: message } }
}

function isScenarioId(value: string): value is ScenarioId {
  return Object.hasOwn(SCENARIOS, value)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'soak-minutes': { type: 'string' },
      nice: { type: 'string' },
    },
  })
  const ids = values.only ? values.only.split(',').map((id) => id.trim()) : Object.keys(SCENARIOS)
  const unknown = ids.filter((id) => !isScenarioId(id))
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`)
  const soakMinutes = values['soak-minutes'] !== undefined ? Number(values['soak-minutes']) : values.quick ? QUICK_SOAK_MINUTES : 30
  if (!(soakMinutes > 0)) throw new Error('--soak-minutes must be a positive number')
  const nice = values.nice !== undefined ? Number(values.nice) : null
  if (nice !== null) {
    if (!Number.isInteger(nice) || nice < -20 || nice > 19) throw new Error('--nice must be an integer from -20 to 19')
    // Servers and load processes started from here inherit it: on a box others share, a negative value
    // (root only) lets the measured processes go first, nearer to a host of their own.
    os.setPriority(nice)
  }
  const options: LoadOptions = { quick: values.quick, soakMinutes, nice }

  const results: ScenarioResult[] = []
  for (const id of ids.filter(isScenarioId)) {
    console.log(`# ${id} …`)
    const started = Date.now()
    // A scenario that breaks is reported as such; the others' figures still count.
    const result = await SCENARIOS[id](options).catch((error: unknown) => failedScenario(id, error))
    results.push(result)
    console.log(`${renderTable([result])}\n(${((Date.now() - started) / 1_000).toFixed(0)} s)\n`)
  }
  console.log(`## Load benchmark${options.quick ? ' (quick)' : ''}\n${renderTable(results)}\n`)
  const at = new Date().toISOString()
  const git = gitState()
  const fresh: StoredResult[] = results.map((result) => ({ id: result.id, at, git, options, title: result.title, checks: result.checks, figures: result.figures }))
  // A run of some scenarios (the soak runs apart) keeps the others' latest results in the file, each with its own date.
  const kept = values.only ? readStoredResults().filter((stored) => !ids.includes(stored.id)) : []
  const all = [...kept, ...fresh].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id))
  const line = JSON.stringify({
    bench: 'load',
    at,
    git,
    machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    allTargetsMet: all.every((result) => result.checks.every((item) => item.met !== false)),
    results: all,
  })
  console.log(line)
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true })
  fs.writeFileSync(RESULTS_FILE, line + '\n')
}

// Every server and load process goes with this one, whichever way it ends.
process.on('exit', killAllChildren)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren()
    process.exit(130)
  })
}
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    killAllChildren()
    process.exit(1)
  },
)
