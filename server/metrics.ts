type Labels = Readonly<Record<string, string>>

/** Upper bounds in seconds: from a same-host hop (a millisecond) to a stalled one (ten seconds). */
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

interface Histogram {
  /** Observations per bucket of SECONDS_BUCKETS, not cumulative; rendered cumulative. */
  counts: number[]
  overflow: number
  sum: number
}

/** Counters and gauges in the Prometheus text format, for /metrics and for tests that watch the server. */
export class Metrics {
  private readonly counters = new Map<string, number>()
  private readonly gauges = new Map<string, () => number>()
  private readonly histograms = new Map<string, Histogram>()

  count(name: string, labels: Labels = {}, by = 1): void {
    const key = seriesKey(name, labels)
    this.counters.set(key, (this.counters.get(key) ?? 0) + by)
  }

  read(name: string, labels: Labels = {}): number {
    return this.counters.get(seriesKey(name, labels)) ?? 0
  }

  gauge(name: string, sample: () => number): void {
    this.gauges.set(name, sample)
  }

  /** Records a duration in a histogram with fixed buckets (Prometheus `_bucket`, `_sum`, `_count`). */
  observeSeconds(name: string, seconds: number): void {
    let histogram = this.histograms.get(name)
    if (!histogram) {
      histogram = { counts: SECONDS_BUCKETS.map(() => 0), overflow: 0, sum: 0 }
      this.histograms.set(name, histogram)
    }
    const bucket = SECONDS_BUCKETS.findIndex((bound) => seconds <= bound)
    if (bucket === -1) histogram.overflow += 1
    else histogram.counts[bucket] = (histogram.counts[bucket] ?? 0) + 1
    histogram.sum += seconds
  }

  /** How many durations a histogram holds. */
  observations(name: string): number {
    const histogram = this.histograms.get(name)
    return histogram ? histogram.counts.reduce((sum, count) => sum + count, histogram.overflow) : 0
  }

  render(): string {
    const lines: string[] = []
    for (const [key, value] of this.counters) lines.push(`ideenschmiede_${key} ${value}`)
    for (const [name, sample] of this.gauges) lines.push(`ideenschmiede_${name} ${sample()}`)
    for (const [name, histogram] of this.histograms) {
      let cumulative = 0
      SECONDS_BUCKETS.forEach((bound, index) => {
        cumulative += histogram.counts[index] ?? 0
        lines.push(`ideenschmiede_${name}_bucket{le="${bound}"} ${cumulative}`)
      })
      cumulative += histogram.overflow
      lines.push(`ideenschmiede_${name}_bucket{le="+Inf"} ${cumulative}`)
      lines.push(`ideenschmiede_${name}_sum ${histogram.sum}`)
      lines.push(`ideenschmiede_${name}_count ${cumulative}`)
    }
    return lines.join('\n') + '\n'
  }
}

function seriesKey(name: string, labels: Labels): string {
  const entries = Object.entries(labels)
  if (entries.length === 0) return name
  return `${name}{${entries.map(([k, v]) => `${k}="${v}"`).join(',')}}`
}
