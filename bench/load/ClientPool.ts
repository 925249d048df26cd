import { ChildProcessRpc } from '../childProcessRpc.ts'
import { Histogram } from '../histogram.ts'
import type {
  ClientRequests,
  ClientResults,
  PageSpec,
  PageState,
  RawSpec,
} from './clientProtocol.ts'

const ENTRY = new URL('./clientProcess.ts', import.meta.url)
const REQUEST_TIMEOUT_MS = 300_000
/** The server paces an attacker that keeps breaking the protocol to one budget: 10,000 hostile frames take about ten minutes. */
const ATTACK_TIMEOUT_MS = 30 * 60_000

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
 * The load processes of bench/load (clientProcess.ts): raw clients with
 * presence, stock providers that reconnect, and the attacker, which
 * bench/loadProcess.ts does not have.
 */
export class ClientPool {
  private readonly rpc: ChildProcessRpc<ClientRequests, ClientResults>

  constructor(size: number) {
    this.rpc = new ChildProcessRpc(ENTRY, size, REQUEST_TIMEOUT_MS)
  }

  get size(): number {
    return this.rpc.size
  }

  /** CPU µs so far of every load process, to tell a saturated generator from a slow server. */
  cpuMicros(): number {
    return this.rpc.childCpuMicros()
  }

  /** Spreads clients round-robin, writers first, so every process gets its share of both. */
  async openRaw(specs: RawSpec[]): Promise<{ connected: number; failed: number; firstError: string | null }> {
    const shares = this.spread([...specs.filter((spec) => spec.writer), ...specs.filter((spec) => !spec.writer)])
    const results = await Promise.all(shares.map((clients, index) => this.rpc.request(index, 'openRaw', { clients })))
    return {
      connected: results.reduce((sum, result) => sum + result.connected, 0),
      failed: results.reduce((sum, result) => sum + result.failed, 0),
      firstError: results.find((result) => result.firstError)?.firstError ?? null,
    }
  }

  async rates(writeHz: number, awarenessHz: number): Promise<void> {
    await this.rpc.broadcast('rates', { writeHz, awarenessHz })
  }

  async measureStart(): Promise<void> {
    await this.rpc.broadcast('measureStart', {})
  }

  async measureStop(): Promise<MergedRawFigures> {
    const results = await this.rpc.broadcast('measureStop', {})
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
    await this.rpc.broadcast('closeRaw', {})
  }

  async openPages(specs: PageSpec[]): Promise<void> {
    await Promise.all(this.spread(specs).map((clients, index) => this.rpc.request(index, 'openPages', { clients })))
  }

  async pagesWrite(hz: number): Promise<void> {
    await this.rpc.broadcast('pagesWrite', { hz })
  }

  async pagesState(withKeys: boolean): Promise<PageState[]> {
    return (await this.rpc.broadcast('pagesState', { withKeys })).flat()
  }

  async pagesResynced(after: number, minNotes: number, timeoutMs: number): Promise<Array<number | null>> {
    return (await this.rpc.broadcast('pagesResynced', { after, minNotes, timeoutMs })).flat()
  }

  async closePages(): Promise<void> {
    await this.rpc.broadcast('closePages', {})
  }

  attack(index: number, args: ClientRequests['attack']): Promise<ClientResults['attack']> {
    return this.rpc.request(index, 'attack', args, ATTACK_TIMEOUT_MS)
  }

  close(): void {
    this.rpc.close()
  }

  private spread<T>(items: T[]): T[][] {
    const shares: T[][] = this.rpc.processes.map(() => [])
    items.forEach((item, index) => shares[index % shares.length]?.push(item))
    return shares
  }
}
