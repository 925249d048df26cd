import { openDirect } from './directClient.ts'
import { Histogram } from './histogram.ts'
import type { ClientSpec } from './loadProtocol.ts'
import type { LoadPool } from './loadPool.ts'
import { nowMicros, readCpuMicros, readMachineBusyMicros, sleep } from './procStats.ts'
import type { ServerHandle } from './servers.ts'
import type { WireFraming } from './wireFraming.ts'

export interface FanoutSpec {
  rooms: number
  clientsPerRoom: number
  writersPerRoom: number
  /** Updates per second per writer. */
  rateHz: number
  /** Records to put into each room before the clients join, so the server works on a board of realistic size. */
  seedRecords?: number
}

export interface WindowFigures {
  p50Ms: number
  p99Ms: number
  p999Ms: number
  maxMs: number
  updatesPerSec: number
  deliveriesPerSec: number
  /** Deliveries seen ÷ deliveries the window's sends should cause; well below 1 means a growing backlog. */
  deliveredShare: number
  serverCpuUsPerDelivery: number
  /** Server CPU time ÷ wall time: 1.0 is one core fully busy. */
  serverCpuCores: number
  generatorCpuCores: number
  generatorCpuUsPerDelivery: number
  /** Busy CPU of everything else on the machine; well above 0 means other work competed for the cores. */
  otherCpuCores: number
  echoesPerSec: number
  skippedSends: number
  lostConnections: number
}

export interface FanoutFigures extends WindowFigures {
  /** Time from the first connect until every client finished the sync handshake (worst round). */
  joinMs: number
  failedConnections: number
}

let nextUid = 1

/** What a fan-out round needs of a server: any of servers.ts, or the byte relay of bench:floor. */
export type FanoutTarget = Pick<ServerHandle, 'pid' | 'createBoards' | 'boardUrl' | 'boardFraming'>

/** Where a client connects: one server's board URL, or (scale-out) one of several processes' chosen per client. */
export type ClientUrl = (boardId: string, room: number, index: number) => string

export function roomClients(
  clientUrl: ClientUrl,
  boardIds: readonly string[],
  spec: FanoutSpec,
  seeded: ReadonlyMap<number, Uint8Array> = new Map(),
  framingOf?: (boardId: string) => WireFraming,
): ClientSpec[] {
  const clients: ClientSpec[] = []
  boardIds.forEach((boardId, room) => {
    const stateVector = seeded.get(room)
    const framing = framingOf?.(boardId)
    for (let index = 0; index < spec.clientsPerRoom; index++) {
      const writer = index < spec.writersPerRoom
      const url = clientUrl(boardId, room, index)
      clients.push({
        uid: nextUid++,
        url,
        ...(framing ? { framing } : {}),
        writer,
        peers: spec.clientsPerRoom - 1,
        ...(stateVector && !writer ? { stateVector } : {}),
      })
    }
  })
  return clients
}

/** The clients of `spec` on one server's boards, in the framing that server speaks. */
export function serverClients(
  server: FanoutTarget,
  boardIds: readonly string[],
  spec: FanoutSpec,
  seeded?: ReadonlyMap<number, Uint8Array>,
): ClientSpec[] {
  return roomClients((boardId) => server.boardUrl(boardId), boardIds, spec, seeded, (boardId) => server.boardFraming(boardId))
}

/** Seeds each room through one full client; returns the state vectors receivers claim to hold. */
async function seedRooms(server: FanoutTarget, boardIds: readonly string[], spec: FanoutSpec): Promise<Map<number, Uint8Array>> {
  const seeded = new Map<number, Uint8Array>()
  if (!spec.seedRecords) return seeded
  for (const [room, boardId] of boardIds.entries()) {
    const seeder = await openDirect(server.boardUrl(boardId), server.boardFraming(boardId))
    seeder.writeRecords(spec.seedRecords, 500)
    await seeder.confirm()
    seeded.set(room, seeder.stateVector())
    await seeder.close()
  }
  return seeded
}

/** What one window measured, kept raw so windows of several rounds can be merged exactly. */
export interface RawWindow {
  histogram: Histogram
  deliveries: number
  echoes: number
  sent: number
  expectedDeliveries: number
  skippedSends: number
  lostConnections: number
  elapsedMicros: number
  serverCpuMicros: number
  generatorCpuMicros: number
  machineBusyMicros: number
}

/** CPU of all server processes together, in µs; a scale-out setup runs several. */
function readServersCpuMicros(serverPids: readonly number[]): number {
  return serverPids.reduce((sum, pid) => sum + readCpuMicros(pid), 0)
}

/** Measures one window while writers keep sending; server and generator CPU are read at its edges. */
export async function measureWindow(pool: LoadPool, serverPids: readonly number[], windowMs: number): Promise<RawWindow> {
  const serverCpuStart = readServersCpuMicros(serverPids)
  const generatorCpuStart = pool.cpuMicros()
  const machineStart = readMachineBusyMicros()
  const start = nowMicros()
  await pool.measureStart()
  await sleep(windowMs)
  const measured = await pool.measureStop()
  return {
    ...measured,
    elapsedMicros: nowMicros() - start,
    serverCpuMicros: readServersCpuMicros(serverPids) - serverCpuStart,
    generatorCpuMicros: pool.cpuMicros() - generatorCpuStart,
    machineBusyMicros: readMachineBusyMicros() - machineStart,
  }
}

export function summarize(windows: RawWindow[]): WindowFigures {
  const histogram = new Histogram()
  const total = (key: Exclude<keyof RawWindow, 'histogram'>): number =>
    windows.reduce((sum, window) => sum + window[key], 0)
  for (const window of windows) histogram.merge(window.histogram.toSparse())
  const deliveries = total('deliveries')
  const elapsedMicros = total('elapsedMicros')
  const seconds = elapsedMicros / 1_000_000
  const serverCpu = total('serverCpuMicros')
  const generatorCpu = total('generatorCpuMicros')
  const expected = total('expectedDeliveries')
  return {
    p50Ms: histogram.quantileMicros(0.5) / 1_000,
    p99Ms: histogram.quantileMicros(0.99) / 1_000,
    p999Ms: histogram.quantileMicros(0.999) / 1_000,
    maxMs: histogram.maxMicros / 1_000,
    updatesPerSec: total('sent') / seconds,
    deliveriesPerSec: deliveries / seconds,
    deliveredShare: expected > 0 ? deliveries / expected : Number.NaN,
    serverCpuUsPerDelivery: deliveries > 0 ? serverCpu / deliveries : Number.NaN,
    serverCpuCores: serverCpu / elapsedMicros,
    generatorCpuCores: generatorCpu / elapsedMicros,
    generatorCpuUsPerDelivery: deliveries > 0 ? generatorCpu / deliveries : Number.NaN,
    otherCpuCores: Math.max(0, total('machineBusyMicros') - serverCpu - generatorCpu) / elapsedMicros,
    echoesPerSec: total('echoes') / seconds,
    skippedSends: total('skippedSends'),
    lostConnections: total('lostConnections'),
  }
}

export async function connectAll(pool: LoadPool, clients: ClientSpec[]): Promise<{ joinMs: number; failed: number }> {
  const joined = await pool.connect(clients)
  if (joined.connected === 0) throw new Error(`no client could connect: ${joined.firstError ?? 'unknown error'}`)
  return { joinMs: joined.joinMs, failed: joined.failed }
}

/** One round of a fan-out scenario on one server: connect, warm up, measure, disconnect. */
export async function runFanoutRound(
  pool: LoadPool,
  server: FanoutTarget,
  spec: FanoutSpec,
  timing: { warmupMs: number; windowMs: number },
  boardLabel: string,
): Promise<FanoutRound> {
  try {
    const boardIds = await server.createBoards(spec.rooms, boardLabel)
    const seeded = await seedRooms(server, boardIds, spec)
    const joined = await connectAll(pool, serverClients(server, boardIds, spec, seeded))
    await pool.setRate(spec.rateHz)
    await sleep(timing.warmupMs)
    return { joinMs: joined.joinMs, failedConnections: joined.failed, window: await measureWindow(pool, [server.pid], timing.windowMs) }
  } finally {
    await pool.closeAll()
  }
}

export interface FanoutRound {
  joinMs: number
  failedConnections: number
  window: RawWindow
}

export function summarizeFanout(rounds: FanoutRound[]): FanoutFigures {
  const joins = rounds.map((round) => round.joinMs)
  return {
    joinMs: Math.max(...joins),
    failedConnections: rounds.reduce((sum, round) => sum + round.failedConnections, 0),
    ...summarize(rounds.map((round) => round.window)),
  }
}
