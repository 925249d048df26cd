type Labels = Readonly<Record<string, string>>

/** Counters and gauges in the Prometheus text format, for /metrics and for tests that watch the server. */
export class Metrics {
  private readonly counters = new Map<string, number>()
  private readonly gauges = new Map<string, () => number>()

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

  render(): string {
    const lines: string[] = []
    for (const [key, value] of this.counters) lines.push(`ideenschmiede_${key} ${value}`)
    for (const [name, sample] of this.gauges) lines.push(`ideenschmiede_${name} ${sample()}`)
    return lines.join('\n') + '\n'
  }
}

function seriesKey(name: string, labels: Labels): string {
  const entries = Object.entries(labels)
  if (entries.length === 0) return name
  return `${name}{${entries.map(([k, v]) => `${k}="${v}"`).join(',')}}`
}
