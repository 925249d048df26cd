/**
 * Reads the few series the scale-out bench needs from the server's /metrics
 * text (server/metrics.ts: `ideenschmiede_<name> <value>`, histograms as
 * cumulative `_bucket{le="…"}` lines with fixed bounds in seconds).
 */

/** Cumulative observation counts by upper bound in seconds (+Inf as Infinity). */
export type Buckets = Map<number, number>

export function gaugeValue(text: string, name: string): number | null {
  const match = new RegExp(`^ideenschmiede_${name} (\\S+)$`, 'm').exec(text)
  return match?.[1] === undefined ? null : Number(match[1])
}

export function histogramBuckets(text: string, name: string): Buckets {
  const buckets: Buckets = new Map()
  const pattern = new RegExp(`^ideenschmiede_${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm')
  for (const match of text.matchAll(pattern)) {
    const [, le, count] = match
    if (le === undefined || count === undefined) continue
    buckets.set(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), Number(count))
  }
  return buckets
}

/** Sums histograms of several processes, or subtracts an earlier reading (sign −1); the bounds are the same everywhere. */
export function combineBuckets(a: Buckets, b: Buckets, sign: 1 | -1 = 1): Buckets {
  const combined: Buckets = new Map(a)
  for (const [bound, count] of b) combined.set(bound, (combined.get(bound) ?? 0) + sign * count)
  return combined
}

/**
 * The upper bound of the bucket that holds quantile q, in seconds; null without
 * observations. Only as fine as the buckets: "p99 ≤ 5 ms", not "p99 = 3.2 ms".
 */
export function bucketQuantile(buckets: Buckets, q: number): number | null {
  const bounds = [...buckets.keys()].sort((x, y) => x - y)
  const total = buckets.get(Number.POSITIVE_INFINITY) ?? 0
  if (total <= 0) return null
  const wanted = q * total
  return bounds.find((bound) => (buckets.get(bound) ?? 0) >= wanted) ?? Number.POSITIVE_INFINITY
}

/** Observations in a cumulative histogram. */
export function bucketTotal(buckets: Buckets): number {
  return buckets.get(Number.POSITIVE_INFINITY) ?? 0
}
