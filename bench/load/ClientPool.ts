import { fork, type ChildProcess } from 'node:child_process'
import { Histogram } from '../histogram.ts'
import { readCpuMicros } from '../procStats.ts'
import { trackChild } from '../servers.ts'
import type {
  ClientCommand,
  ClientRequests,
  ClientResponseMessage,
  ClientResults,
  PageSpec,
  PageState,
  RawSpec,
} from './clientProtocol.ts'

const ENTRY = new URL('./clientProcess.ts', import.meta.url)
const REQUEST_TIMEOUT_MS = 300_000

interface Pending {
  resolve: (result: unknown) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

export interface MergedRawFigures {
  histogram: Histogram
  deliveries: number
  sent: number
  awarenessSent: number
  awarenessReceived: number
  lostConnections: number
  hostileFrames: number
}

/**
 * Load processes for bench/load; child processes, not worker threads, so
 * each one's CPU can be read per pid and a saturated generator shows.
 * (bench/loadPool.ts drives bench/loadProcess.ts, which has neither
 * presence nor reconnecting clients; this pool drives clientProcess.ts.)
 */
export class ClientPool {
  private readonly processes: ChildProcess[] = []
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  constructor(size: number) {
    for (let index = 0; index < size; index++) {
      const child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      trackChild(child)
      child.on('message', (message: ClientResponseMessage) => this.handleResponse(message))
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

  /** CPU µs so far of every load process, to tell a saturated generator from a slow server. */
  cpuMicros(): number {
    let total = 0
    for (const child of this.processes) {
      if (child.pid !== undefined && child.exitCode === null) total += readCpuMicros(child.pid)
    }
    return total
  }

  /** Spreads clients round-robin, writers first, so every process gets its share of both. */
  async openRaw(specs: RawSpec[]): Promise<{ connected: number; failed: number; firstError: string | null }> {
    const shares = this.spread([...specs.filter((spec) => spec.writer), ...specs.filter((spec) => !spec.writer)])
    const results = await Promise.all(shares.map((clients, index) => this.request(index, 'openRaw', { clients })))
    return {
      connected: results.reduce((sum, result) => sum + result.connected, 0),
      failed: results.reduce((sum, result) => sum + result.failed, 0),
      firstError: results.find((result) => result.firstError)?.firstError ?? null,
    }
  }

  async rates(writeHz: number, awarenessHz: number): Promise<void> {
    await this.broadcast('rates', { writeHz, awarenessHz })
  }

  async measureStart(): Promise<void> {
    await this.broadcast('measureStart', {})
  }

  async measureStop(): Promise<MergedRawFigures> {
    const results = await this.broadcast('measureStop', {})
    const histogram = new Histogram()
    for (const result of results) histogram.merge(result.histogram)
    const total = (key: Exclude<keyof MergedRawFigures, 'histogram'>): number => results.reduce((sum, result) => sum + result[key], 0)
    return {
      histogram,
      deliveries: total('deliveries'),
      sent: total('sent'),
      awarenessSent: total('awarenessSent'),
      awarenessReceived: total('awarenessReceived'),
      lostConnections: total('lostConnections'),
      hostileFrames: total('hostileFrames'),
    }
  }

  async closeRaw(): Promise<void> {
    await this.broadcast('closeRaw', {})
  }

  async openPages(specs: PageSpec[]): Promise<void> {
    await Promise.all(this.spread(specs).map((clients, index) => this.request(index, 'openPages', { clients })))
  }

  async pagesWrite(hz: number): Promise<void> {
    await this.broadcast('pagesWrite', { hz })
  }

  async pagesState(withKeys: boolean): Promise<PageState[]> {
    return (await this.broadcast('pagesState', { withKeys })).flat()
  }

  async pagesResynced(after: number, minNotes: number, timeoutMs: number): Promise<Array<number | null>> {
    return (await this.broadcast('pagesResynced', { after, minNotes, timeoutMs })).flat()
  }

  async closePages(): Promise<void> {
    await this.broadcast('closePages', {})
  }

  attack(index: number, args: ClientRequests['attack']): Promise<ClientResults['attack']> {
    return this.request(index, 'attack', args)
  }

  close(): void {
    for (const child of this.processes) if (child.connected) child.disconnect()
  }

  private spread<T>(items: T[]): T[][] {
    const shares: T[][] = this.processes.map(() => [])
    items.forEach((item, index) => shares[index % shares.length]?.push(item))
    return shares
  }

  private broadcast<C extends ClientCommand>(cmd: C, args: ClientRequests[C]): Promise<Array<ClientResults[C]>> {
    return Promise.all(this.processes.map((_, index) => this.request(index, cmd, args)))
  }

  private request<C extends ClientCommand>(index: number, cmd: C, args: ClientRequests[C]): Promise<ClientResults[C]> {
    const child = this.processes[index]
    if (!child) throw new Error(`no load process ${index}`)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`load process ${index} did not answer ${cmd} within ${REQUEST_TIMEOUT_MS} ms`))
      }, REQUEST_TIMEOUT_MS)
      // The result type follows from `cmd`, which the load process switches on.
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, timer })
      child.send({ id, cmd, args })
    })
  }

  private handleResponse(message: ClientResponseMessage): void {
    const pending = this.pending.get(message.id)
    if (!pending) return
    this.pending.delete(message.id)
    clearTimeout(pending.timer)
    if (message.ok) pending.resolve(message.result)
    else pending.reject(new Error(`load process failed: ${message.error}`))
  }
}
