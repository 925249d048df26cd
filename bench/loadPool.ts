import { fork, type ChildProcess } from 'node:child_process'
import { Histogram } from './histogram.ts'
import type {
  ClientSpec,
  ColdSyncResult,
  LoadCommand,
  LoadRequests,
  LoadResponseMessage,
  LoadResults,
  MeasureResult,
} from './loadProtocol.ts'
import { readCpuMicros } from './procStats.ts'
import { trackChild } from './servers.ts'
import type { WireFraming } from './wireFraming.ts'

const LOAD_ENTRY = new URL('./loadProcess.ts', import.meta.url)
const REQUEST_TIMEOUT_MS = 120_000

interface Pending {
  resolve: (result: unknown) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/** Load generator processes; child processes rather than worker threads so their CPU shows up per pid. */
export class LoadPool {
  private readonly processes: ChildProcess[] = []
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  constructor(size: number) {
    for (let index = 0; index < size; index++) {
      const child = fork(LOAD_ENTRY, [], {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      trackChild(child)
      child.on('message', (message: LoadResponseMessage) => this.handleResponse(message))
      child.on('exit', (code, signal) => {
        for (const [id, pending] of this.pending) {
          clearTimeout(pending.timer)
          pending.reject(new Error(`load process exited (${code ?? signal}) with request ${id} open`))
        }
        this.pending.clear()
      })
      this.processes.push(child)
    }
  }

  get size(): number {
    return this.processes.length
  }

  /** CPU time of all load processes plus this one, in µs; what the generator cost while a server was measured. */
  cpuMicros(): number {
    const own = process.cpuUsage()
    let total = own.user + own.system
    for (const child of this.processes) {
      if (child.pid !== undefined && child.exitCode === null) total += readCpuMicros(child.pid)
    }
    return total
  }

  /** Spreads clients round-robin, writers and receivers separately, so each process gets a fair share of both. */
  async connect(specs: ClientSpec[]): Promise<{ connected: number; failed: number; firstError: string | null; joinMs: number }> {
    const shares: ClientSpec[][] = this.processes.map(() => [])
    const writers = specs.filter((spec) => spec.writer)
    const receivers = specs.filter((spec) => !spec.writer)
    ;[...writers, ...receivers].forEach((spec, index) => shares[index % shares.length]?.push(spec))
    const results = await Promise.all(shares.map((clients, index) => this.request(index, 'connect', { clients })))
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
    await this.broadcast('rate', { hz })
  }

  async measureStart(): Promise<void> {
    await this.broadcast('measureStart', {})
  }

  async measureStop(): Promise<{ histogram: Histogram } & Omit<MeasureResult, 'histogram'>> {
    const results = await this.broadcast('measureStop', {})
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
    await this.broadcast('closeAll', {})
  }

  /** Splits `count` simultaneous cold-sync clients over the processes. */
  async coldSync(url: string, framing: WireFraming | undefined, count: number, expectRecords: number): Promise<ColdSyncResult> {
    const counts = this.processes.map((_, index) => Math.floor(count / this.size) + (index < count % this.size ? 1 : 0))
    const results = await Promise.all(
      counts.map((share, index) => this.request(index, 'coldSync', { url, framing, count: share, expectRecords })),
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
    for (const child of this.processes) child.disconnect()
  }

  private broadcast<C extends LoadCommand>(cmd: C, args: LoadRequests[C]): Promise<Array<LoadResults[C]>> {
    return Promise.all(this.processes.map((_, index) => this.request(index, cmd, args)))
  }

  private request<C extends LoadCommand>(index: number, cmd: C, args: LoadRequests[C]): Promise<LoadResults[C]> {
    const child = this.processes[index]
    if (!child) throw new Error(`no load process ${index}`)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`load process ${index} did not answer ${cmd} within ${REQUEST_TIMEOUT_MS} ms`))
      }, REQUEST_TIMEOUT_MS)
      // The response type follows from `cmd`, which the load process switches on.
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, timer })
      child.send({ id, cmd, args })
    })
  }

  private handleResponse(message: LoadResponseMessage): void {
    const pending = this.pending.get(message.id)
    if (!pending) return
    this.pending.delete(message.id)
    clearTimeout(pending.timer)
    if (message.ok) pending.resolve(message.result)
    else pending.reject(new Error(`load process failed: ${message.error}`))
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
