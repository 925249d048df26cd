import { format, ratio } from './report.ts'
import { ESTIMATE_ASSUMPTIONS, type EstimateInput, type EstimateLine } from './scaleOutEstimate.ts'
import { sum, type RampFigures, type RoomShape, type ShapeFigures } from './scaleOutRuns.ts'

export interface SetupResult {
  processes: number
  shapes: Partial<Record<string, ShapeFigures>>
  ramp: RampFigures | null
  errors: string[]
}

interface Row {
  label: string
  digits: number
  value: (setup: SetupResult) => number | null | undefined
}

const KIB_PER_MIB = 1_024
const WIDTHS = [50, 12, 12, 8]

function line(cells: string[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(WIDTHS[0] ?? 0) : cell.padStart(WIDTHS[index] ?? 0))).join(' ')
}

function shapeRows(shape: RoomShape, limitMs: number): Row[] {
  const of = (setup: SetupResult): ShapeFigures | undefined => setup.shapes[shape.id]
  return [
    { label: `last rate with p99 ≤ ${limitMs} ms (updates/s)`, digits: 0, value: (s) => of(s)?.lastWithinLimitUpdatesPerSec },
    { label: '  deliveries/s at it', digits: 0, value: (s) => of(s)?.atLimit?.deliveriesPerSec },
    { label: '  p99 ms at it', digits: 1, value: (s) => of(s)?.atLimit?.p99Ms },
    { label: '  server CPU µs/delivery at it (all processes)', digits: 2, value: (s) => of(s)?.atLimit?.serverCpuUsPerDelivery },
    { label: '  server cores at it', digits: 2, value: (s) => of(s)?.atLimit?.serverCpuCores },
    { label: '  generator cores at it', digits: 2, value: (s) => of(s)?.atLimit?.generatorCpuCores },
    { label: '  PostgreSQL + Redis cores at it', digits: 2, value: (s) => of(s)?.atLimit?.dataStoresCpuCores },
    { label: '  other cores at it (incl. PostgreSQL, Redis)', digits: 2, value: (s) => of(s)?.atLimit?.otherCpuCores },
    { label: '  relay lag p99 ms at it (≤ bucket bound)', digits: 1, value: (s) => of(s)?.atLimit?.relayLagP99Ms },
    { label: `p99 > ${limitMs} ms at (updates/s)`, digits: 0, value: (s) => of(s)?.p99PassesLimitAtUpdatesPerSec },
    { label: 'clients connected', digits: 0, value: (s) => subtract(of(s)?.clients, of(s)?.failedConnections) },
    { label: 'connections held (sum of the processes\' gauges)', digits: 0, value: (s) => of(s)?.connectionsHeld },
    { label: 'RSS all processes, clients joined (MiB)', digits: 1, value: (s) => mib(of(s)?.rssKiB) },
  ]
}

function subtract(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b
}

function mib(kib: readonly number[] | undefined): number | undefined {
  return kib ? sum(kib) / KIB_PER_MIB : undefined
}

const RAMP_ROWS: Row[] = [
  { label: 'idle connections held at the end', digits: 0, value: (s) => s.ramp?.steps.at(-1)?.connectionsHeld },
  { label: 'RSS all processes at the end (MiB)', digits: 1, value: (s) => mib(s.ramp?.steps.at(-1)?.rssKiB) },
  { label: 'RSS growth per connection (KiB)', digits: 1, value: (s) => s.ramp?.kiBPerConnection },
]

export function renderTable(shapes: RoomShape[], setups: [SetupResult, SetupResult], limitMs: number): string {
  const [one, two] = setups
  const out = [line(['metric', `${one.processes} process`, `${two.processes} processes`, '2/1']), '-'.repeat(85)]
  const rows = (title: string, list: Row[]): void => {
    out.push(title)
    for (const row of list) {
      const a = row.value(one)
      const b = row.value(two)
      out.push(line([`  ${row.label}`, format(a, row.digits), format(b, row.digits), format(ratio(b, a), 2)]))
    }
  }
  for (const shape of shapes) {
    rows(`${shape.id}: ${shape.title}`, shapeRows(shape, limitMs))
    for (const setup of setups) out.push(...renderSteps(setup, shape))
  }
  rows('connection ramp: idle clients over 10 boards', RAMP_ROWS)
  for (const setup of setups) {
    const steps = setup.ramp?.steps.map((step) => `${step.connectionsHeld} conn → ${step.rssKiB.map((kib) => format(kib / KIB_PER_MIB, 0)).join('+')} MiB`)
    if (steps) out.push(`  ramp, ${setup.processes} process(es): ${steps.join(', ')}`)
  }
  for (const setup of setups) for (const error of setup.errors) out.push(`  FAILED (${setup.processes} process(es)): ${error}`)
  return out.join('\n')
}

function renderSteps(setup: SetupResult, shape: RoomShape): string[] {
  const steps = setup.shapes[shape.id]?.steps ?? []
  if (steps.length === 0) return []
  const lines = [`  steps, ${setup.processes} process(es):  Hz/writer  updates/s  deliveries/s  p50 ms  p99 ms  delivered  µs/deliv  server cores  gen cores  PG+Redis  other  relay p99 ms`]
  for (const step of steps) {
    lines.push(
      `  ${''.padEnd(22)}${format(step.ratePerWriterHz, 0).padStart(10)} ${format(step.updatesPerSec, 0).padStart(10)}` +
        ` ${format(step.deliveriesPerSec, 0).padStart(13)} ${format(step.p50Ms, 1).padStart(7)} ${format(step.p99Ms, 1).padStart(7)}` +
        ` ${format(step.deliveredShare, 3).padStart(10)} ${format(step.serverCpuUsPerDelivery, 2).padStart(9)}` +
        ` ${format(step.serverCpuCores, 2).padStart(13)} ${format(step.generatorCpuCores, 2).padStart(10)}` +
        ` ${format(step.dataStoresCpuCores, 2).padStart(9)} ${format(step.otherCpuCores, 2).padStart(6)} ${format(step.relayLagP99Ms, 1).padStart(13)}`,
    )
  }
  return lines
}

export function renderEstimate(inputs: EstimateInput[], lines: EstimateLine[]): string {
  const out = ['paper estimate (not measured; assumptions below)']
  for (const input of inputs) {
    if (!lines.some((estimate) => estimate.label === input.label)) out.push(`  ${input.label}: no estimate, the 2-process sweep measured no CPU per delivery`)
  }
  for (const estimate of lines) {
    out.push(
      `  ${estimate.label}, ${estimate.setup} (${estimate.processes} processes): ` +
        `${format(estimate.deliveriesPerSec, 0)} deliveries/s (${format(estimate.deliveriesPerSecWithoutRelay, 0)} on the 1-process figure)` +
        ` = ${format(estimate.updatesPerSec, 0)} updates/s ≈ ${format(estimate.participants, 0)} participants on ${format(estimate.boards, 0)} boards`,
    )
  }
  for (const assumption of ESTIMATE_ASSUMPTIONS) out.push(`  assumption: ${assumption}`)
  return out.join('\n')
}
