/**
 * Latency histogram with logarithmic buckets of ~1 % width, so load processes
 * can ship a few hundred numbers instead of every sample and the main process
 * can merge them exactly. Covers 1 µs … 100 s.
 */
const BUCKETS_PER_E = 100
const BUCKET_COUNT = Math.ceil(Math.log(100_000_000) * BUCKETS_PER_E) + 1

export class Histogram {
  private readonly counts = new Float64Array(BUCKET_COUNT)
  count = 0
  maxMicros = 0

  record(micros: number): void {
    const clamped = micros < 1 ? 1 : micros
    const index = Math.min(BUCKET_COUNT - 1, Math.floor(Math.log(clamped) * BUCKETS_PER_E))
    this.counts[index] = (this.counts[index] ?? 0) + 1
    this.count += 1
    if (micros > this.maxMicros) this.maxMicros = micros
  }

  /** Sparse [bucket, count] pairs; structured-clone friendly. */
  toSparse(): SparseHistogram {
    const buckets: Array<[number, number]> = []
    this.counts.forEach((count, index) => {
      if (count > 0) buckets.push([index, count])
    })
    return { buckets, maxMicros: this.maxMicros }
  }

  merge(sparse: SparseHistogram): void {
    for (const [index, count] of sparse.buckets) {
      this.counts[index] = (this.counts[index] ?? 0) + count
      this.count += count
    }
    if (sparse.maxMicros > this.maxMicros) this.maxMicros = sparse.maxMicros
  }

  /** Upper edge of the bucket holding the q-quantile, in µs; NaN when empty. */
  quantileMicros(q: number): number {
    if (this.count === 0) return Number.NaN
    const rank = Math.max(1, Math.ceil(q * this.count))
    let seen = 0
    for (let index = 0; index < BUCKET_COUNT; index++) {
      seen += this.counts[index] ?? 0
      if (seen >= rank) return Math.min(Math.exp((index + 1) / BUCKETS_PER_E), this.maxMicros)
    }
    return this.maxMicros
  }
}

export interface SparseHistogram {
  buckets: Array<[number, number]>
  maxMicros: number
}
