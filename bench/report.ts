import type { Figures, MetricSpec, Scenario } from './scenarios.ts'
import { DURABLE_PEERS, SERVER_KINDS, type ServerKind } from './servers.ts'
import type { SweepStep } from './sweep.ts'

export type ScenarioResults = Record<ServerKind, Figures>

/** Within this band around 1.0 a ratio is called a tie; single runs on a shared 2-core box are not more precise. */
const TIE_BAND = 0.05

/** Issue 17's targets against the best durable peer, for every scenario that measures fan-out. */
const TARGETS: ReadonlyArray<{ key: string; label: string; atMost: number }> = [
  { key: 'serverCpuUsPerDelivery', label: 'CPU per delivery', atMost: 0.7 },
  { key: 'p99Ms', label: 'p99', atMost: 1 },
]

export function ratio(ours: unknown, other: unknown): number | null {
  if (typeof ours !== 'number' || typeof other !== 'number' || !Number.isFinite(ours) || !Number.isFinite(other) || other === 0) {
    return null
  }
  return ours / other
}

/** The durable peer with the better value of a metric; none for a metric without a better direction or without values. */
export function bestDurablePeer(metric: Pick<MetricSpec, 'key' | 'lowerIsBetter'>, result: ScenarioResults): ServerKind | null {
  if (metric.lowerIsBetter === null) return null
  let best: { kind: ServerKind; value: number } | null = null
  for (const kind of DURABLE_PEERS) {
    const value = result[kind]?.[metric.key]
    if (typeof value !== 'number' || !Number.isFinite(value)) continue
    if (!best || (metric.lowerIsBetter ? value < best.value : value > best.value)) best = { kind, value }
  }
  return best?.kind ?? null
}

function betterOf(metric: MetricSpec, quotient: number | null, other: string): string {
  if (metric.lowerIsBetter === null || quotient === null) return ''
  if (Math.abs(quotient - 1) <= TIE_BAND) return '≈'
  return quotient < 1 === metric.lowerIsBetter ? 'ours' : other
}

export function format(value: unknown, digits: number): string {
  if (value === null || value === undefined) return '—'
  if (typeof value !== 'number') return String(value)
  if (!Number.isFinite(value)) return 'n/a'
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** metric, one column per server, ours/ref, ours/best durable, which durable peer that is, better (ours vs it). */
const WIDTHS = [40, 10, 10, 11, 10, 8, 9, 11, 11]
const SHORT_NAMES: Record<ServerKind, string> = { ours: 'ours', ref: 'ref', 'ref-leveldb': 'ref-ldb', hocuspocus: 'hocuspocus' }

function row(cells: string[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(WIDTHS[0] ?? 0) : cell.padStart(WIDTHS[index] ?? 0))).join(' ')
}

export function renderTable(scenarios: Scenario[], results: Map<string, ScenarioResults>, errors: Map<string, string>): string {
  const header = row(['metric', ...SERVER_KINDS.map((kind) => SHORT_NAMES[kind]), 'ours/ref', 'ours/dur', 'best dur', 'better'])
  const lines = [header, '-'.repeat(header.length)]
  for (const scenario of scenarios) {
    lines.push(`${scenario.id}: ${scenario.title}`)
    const error = errors.get(scenario.id)
    const result = results.get(scenario.id)
    if (error || !result) {
      lines.push(`  FAILED: ${error ?? 'no result'}`)
      continue
    }
    for (const metric of scenario.metrics) {
      const peer = bestDurablePeer(metric, result)
      const toDurable = peer ? ratio(result.ours[metric.key], result[peer][metric.key]) : null
      lines.push(
        row([
          `  ${metric.label}`,
          ...SERVER_KINDS.map((kind) => format(result[kind]?.[metric.key], metric.digits)),
          format(ratio(result.ours[metric.key], result.ref[metric.key]), 2),
          format(toDurable, 2),
          peer ? SHORT_NAMES[peer] : '',
          peer ? betterOf(metric, toDurable, SHORT_NAMES[peer]) : '',
        ]),
      )
    }
    if (scenario.id === 'sweep') lines.push(...renderSweepSteps(result))
    for (const note of scenario.notes) lines.push(`  note: ${note}`)
  }
  const targets = renderTargets(scenarios, results)
  if (targets.length > 0) lines.push('', 'issue 17 targets (ours ÷ best durable peer of each metric):', ...targets)
  return lines.join('\n')
}

/** Issue 17: CPU per delivery ≤ 0.7× and p99 ≤ 1× the best durable peer, per fan-out scenario. */
function renderTargets(scenarios: Scenario[], results: Map<string, ScenarioResults>): string[] {
  const lines: string[] = []
  for (const scenario of scenarios) {
    const result = results.get(scenario.id)
    if (!result || !TARGETS.every((target) => scenario.metrics.some((metric) => metric.key === target.key))) continue
    const cells = TARGETS.map((target) => {
      const check = checkTarget(target, result)
      if (!check) return `${target.label}: n/a`
      const verdict = check.ratio <= target.atMost ? 'met' : 'MISSED'
      return `${target.label} ${format(check.ratio, 2)}× ${SHORT_NAMES[check.peer]} (≤ ${target.atMost}) ${verdict}`
    })
    lines.push(`  ${scenario.id.padEnd(10)} ${cells.join('   ')}`)
  }
  return lines
}

function checkTarget(target: (typeof TARGETS)[number], result: ScenarioResults): { ratio: number; peer: ServerKind } | null {
  const peer = bestDurablePeer({ key: target.key, lowerIsBetter: true }, result)
  const quotient = peer ? ratio(result.ours[target.key], result[peer][target.key]) : null
  return peer && quotient !== null ? { ratio: quotient, peer } : null
}

function renderSweepSteps(result: ScenarioResults): string[] {
  const lines = ['  steps: server      Hz/writer  updates/s  deliveries/s  p50 ms  p99 ms  delivered  server cores  gen cores  other']
  for (const kind of SERVER_KINDS) {
    const steps = result[kind]?.steps as SweepStep[] | undefined
    for (const step of steps ?? []) {
      lines.push(
        `         ${kind.padEnd(11)} ${format(step.ratePerWriterHz, 0).padStart(9)} ${format(step.updatesPerSec, 0).padStart(10)}` +
          ` ${format(step.deliveriesPerSec, 0).padStart(13)} ${format(step.p50Ms, 1).padStart(7)} ${format(step.p99Ms, 1).padStart(7)}` +
          ` ${format(step.deliveredShare, 3).padStart(10)} ${format(step.serverCpuCores, 2).padStart(13)} ${format(step.generatorCpuCores, 2).padStart(10)} ${format(step.otherCpuCores, 2).padStart(6)}`,
      )
    }
  }
  return lines
}

export function buildJson(
  scenarios: Scenario[],
  results: Map<string, ScenarioResults>,
  errors: Map<string, string>,
  meta: Record<string, unknown>,
): Record<string, unknown> {
  const byScenario: Record<string, unknown> = {}
  for (const scenario of scenarios) {
    const result = results.get(scenario.id)
    const ratios: Record<string, number | null> = {}
    const toDurable: Record<string, { peer: ServerKind; ratio: number | null } | null> = {}
    for (const metric of scenario.metrics) {
      ratios[metric.key] = result ? ratio(result.ours[metric.key], result.ref[metric.key]) : null
      const peer = result ? bestDurablePeer(metric, result) : null
      toDurable[metric.key] = result && peer ? { peer, ratio: ratio(result.ours[metric.key], result[peer][metric.key]) } : null
    }
    byScenario[scenario.id] = {
      title: scenario.title,
      notes: scenario.notes,
      error: errors.get(scenario.id) ?? null,
      ...Object.fromEntries(SERVER_KINDS.map((kind) => [kind, result?.[kind] ?? null])),
      ratio: ratios,
      ratioToBestDurable: toDurable,
      targets: result
        ? Object.fromEntries(
            TARGETS.map((target) => {
              const check = checkTarget(target, result)
              return [target.key, check ? { ...check, atMost: target.atMost, met: check.ratio <= target.atMost } : null]
            }),
          )
        : null,
    }
  }
  return { ...meta, scenarios: byScenario }
}
