import type { Figures, MetricSpec, Scenario } from './scenarios.ts'
import type { ServerKind } from './servers.ts'
import type { SweepStep } from './sweep.ts'

export type ScenarioResults = Record<ServerKind, Figures>

/** Within this band around 1.0 a ratio is called a tie; single runs on a shared 2-core box are not more precise. */
const TIE_BAND = 0.05

export function ratio(ours: unknown, ref: unknown): number | null {
  if (typeof ours !== 'number' || typeof ref !== 'number' || !Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) {
    return null
  }
  return ours / ref
}

function betterOf(metric: MetricSpec, quotient: number | null): string {
  if (metric.lowerIsBetter === null || quotient === null) return ''
  if (Math.abs(quotient - 1) <= TIE_BAND) return '≈'
  return quotient < 1 === metric.lowerIsBetter ? 'ours' : 'ref'
}

export function format(value: unknown, digits: number): string {
  if (value === null || value === undefined) return '—'
  if (typeof value !== 'number') return String(value)
  if (!Number.isFinite(value)) return 'n/a'
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

const WIDTHS = [42, 12, 12, 9, 6]

function row(cells: string[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(WIDTHS[0] ?? 0) : cell.padStart(WIDTHS[index] ?? 0))).join(' ')
}

export function renderTable(scenarios: Scenario[], results: Map<string, ScenarioResults>, errors: Map<string, string>): string {
  const lines = [row(['metric', 'ours', 'reference', 'ours/ref', 'better']), '-'.repeat(85)]
  for (const scenario of scenarios) {
    lines.push(`${scenario.id}: ${scenario.title}`)
    const error = errors.get(scenario.id)
    const result = results.get(scenario.id)
    if (error || !result) {
      lines.push(`  FAILED: ${error ?? 'no result'}`)
      continue
    }
    for (const metric of scenario.metrics) {
      const quotient = ratio(result.ours[metric.key], result.ref[metric.key])
      lines.push(
        row([
          `  ${metric.label}`,
          format(result.ours[metric.key], metric.digits),
          format(result.ref[metric.key], metric.digits),
          format(quotient, 2),
          betterOf(metric, quotient),
        ]),
      )
    }
    if (scenario.id === 'sweep') lines.push(...renderSweepSteps(result))
    for (const note of scenario.notes) lines.push(`  note: ${note}`)
  }
  return lines.join('\n')
}

function renderSweepSteps(result: ScenarioResults): string[] {
  const lines = ['  steps: server  Hz/writer  updates/s  deliveries/s  p50 ms  p99 ms  delivered  server cores  gen cores  other']
  for (const kind of ['ours', 'ref'] as const) {
    const steps = result[kind].steps as SweepStep[] | undefined
    for (const step of steps ?? []) {
      lines.push(
        `         ${kind.padEnd(6)} ${format(step.ratePerWriterHz, 0).padStart(9)} ${format(step.updatesPerSec, 0).padStart(10)}` +
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
    for (const metric of scenario.metrics) ratios[metric.key] = result ? ratio(result.ours[metric.key], result.ref[metric.key]) : null
    byScenario[scenario.id] = {
      title: scenario.title,
      notes: scenario.notes,
      error: errors.get(scenario.id) ?? null,
      ours: result?.ours ?? null,
      ref: result?.ref ?? null,
      ratio: ratios,
    }
  }
  return { ...meta, scenarios: byScenario }
}
