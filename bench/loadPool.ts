import { ChildProcessRpc } from './childProcessRpc.ts'
import { Histogram } from './histogram.ts'
import type {
  ClientSpec,
  ColdSyncResult,
  LoadRequests,
  LoadResults,
  MeasureResult,
} from './loadProtocol.ts'
import type { WireFraming } from './wireFraming.ts'

const LOAD_ENTRY = new URL('./loadProcess.ts', import.meta.url)
const REQUEST_TIMEOUT_MS = 120_000

/** The load processes of `npm run bench` and bench:scaleout. */
export class LoadPool {
  private readonly rpc: ChildProcessRpc<LoadRequests, LoadResults>

  constructor(size: number) {
    this.rpc = new ChildProcessRpc(LOAD_ENTRY, size, REQUEST_TIMEOUT_MS)
  }

  get size(): number {
    return this.rpc.size
  }

  /** CPU time of all load processes plus this one, in µs; what the generator cost while a server was measured. */
  cpuMicros(): number {
    const own = process.cpuUsage()
    return own.user + own.system + this.rpc.childCpuMicros()
  }

  /** Spreads clients round-robin, writers and receivers separately, so each process gets a fair share of both. */
  async connect(specs: ClientSpec[]): Promise<{ connected: number; failed: number; firstError: string | null; joinMs: number }> {
    const shares: ClientSpec[][] = this.rpc.processes.map(() => [])
    const writers = specs.filter((spec) => spec.writer)
    const receivers = specs.filter((spec) => !spec.writer)
    ;[...writers, ...receivers].forEach((spec, index) => shares[index % shares.length]?.push(spec))
    const results = await Promise.all(shares.map((clients, index) => this.rpc.request(index, 'connect', { clients })))
    const start = Math.min(...results.map((result) => result.startMicros))
    const done = Math.max(...results.map((result) => result.doneMicros))
    return {
      connected: sum(results.map((result) => result.connected)),
      failed: sum(results.map((result) => result.failed)),
      firstError: results.find((result) => result.firstError)?.firstError ?? null,
      joinMs: (done - start) / 1_000,
    }
  }

  async setRate(hz: number): Promise<void> {
    await this.rpc.broadcast('rate', { hz })
  }

  async measureStart(): Promise<void> {
    await this.rpc.broadcast('measureStart', {})
  }

  async measureStop(): Promise<{ histogram: Histogram } & Omit<MeasureResult, 'histogram'>> {
    const results = await this.rpc.broadcast('measureStop', {})
    const histogram = new Histogram()
    for (const result of results) histogram.merge(result.histogram)
    const total = (key: Exclude<keyof MeasureResult, 'histogram'>): number => sum(results.map((result) => result[key]))
    return {
      histogram,
      deliveries: total('deliveries'),
      echoes: total('echoes'),
      sent: total('sent'),
      expectedDeliveries: total('expectedDeliveries'),
      skippedSends: total('skippedSends'),
      lostConnections: total('lostConnections'),
    }
  }

  async closeAll(): Promise<void> {
    await this.rpc.broadcast('closeAll', {})
  }

  /** Splits `count` simultaneous cold-sync clients over the processes. */
  async coldSync(url: string, framing: WireFraming | undefined, count: number, expectRecords: number): Promise<ColdSyncResult> {
    const counts = this.rpc.processes.map((_, index) => Math.floor(count / this.size) + (index < count % this.size ? 1 : 0))
    const results = await Promise.all(
      counts.map((share, index) => this.rpc.request(index, 'coldSync', { url, framing, count: share, expectRecords })),
    )
    return {
      startMicros: Math.min(...results.map((result) => result.startMicros)),
      doneMicros: results.flatMap((result) => result.doneMicros),
      failed: sum(results.map((result) => result.failed)),
      firstError: results.find((result) => result.firstError)?.firstError ?? null,
      verified: sum(results.map((result) => result.verified)),
    }
  }

  close(): void {
    this.rpc.close()
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
