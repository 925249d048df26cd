import type { ServerUnderTest } from './ServerUnderTest.ts'

export type ScenarioId = 'connections' | 'storm' | 'kills' | 'hostile' | 'slow' | 'soak'

/** One figure against its target; `met` is null for a figure that has no target. */
export interface Check {
  label: string
  value: string
  target: string
  met: boolean | null
}

export interface ScenarioResult {
  id: ScenarioId
  title: string
  checks: Check[]
  /** Every raw number behind the checks, for the JSON line. */
  figures: Record<string, unknown>
}

export interface LoadOptions {
  quick: boolean
  soakMinutes: number
  /** The niceness every process of the run had, when set (--nice); null: inherited from the shell. */
  nice: number | null
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`
export const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length
}

export function check(label: string, value: string, target: string, met: boolean | null): Check {
  return { label, value, target, met }
}

export interface ServerSample {
  atMs: number
  rssKiB: number
  fds: number
}

/** Samples the server's RSS and open descriptors every `intervalMs` until stopped. */
export function sampleServer(server: ServerUnderTest, intervalMs: number): { samples: ServerSample[]; stop: () => ServerSample[] } {
  const samples: ServerSample[] = []
  const start = Date.now()
  const take = (): void => {
    samples.push({ atMs: Date.now() - start, rssKiB: server.rssKiB(), fds: server.openFds() })
  }
  take()
  const timer = setInterval(take, intervalMs)
  return {
    samples,
    stop: () => {
      clearInterval(timer)
      take()
      return samples
    },
  }
}
