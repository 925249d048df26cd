import { openDirect, type DirectClient } from './directClient.ts'
import type { LoadPool } from './loadPool.ts'
import { readRssKiB, sleep, until } from './procStats.ts'
import type { ServerHandle } from './servers.ts'

const UNLOAD_TIMEOUT_MS = 15_000
/** The "let ours unload (wait ~1 s)"; the reference gets the same pause so both start from a quiet process. */
const SETTLE_AFTER_UNLOAD_MS = 1_000

/**
 * Ours: until /metrics shows no open room, so the next connect loads from storage. The others report no rooms and
 * just get the pause: the in-memory reference never unloads; with y-leveldb it drops a document when its last client
 * leaves, and Hocuspocus stores and unloads it then.
 */
async function waitForUnload(server: ServerHandle): Promise<void> {
  await until(async () => ((await server.roomsOpen()) ?? 0) === 0, `${server.kind} to unload its rooms`, UNLOAD_TIMEOUT_MS)
  await sleep(SETTLE_AFTER_UNLOAD_MS)
}

export interface ColdSyncOptions {
  records: number
  clients: number
  /** Seed the board first; later repeats reuse it. */
  seed: boolean
}

export interface ColdSyncFigures {
  /** Time from the first connect until every client holds the full board; Infinity if one never did. */
  allSyncedMs: number
  medianClientMs: number
  /** NaN when this run reused an already seeded board. */
  seedMs: number
  /** Clients whose state decoded to every record, over clients started. */
  verifiedShare: number
  failedClients: number
}

/** One cold sync of `clients` simultaneous connections; leaves the server unloaded (ours) for the next one. */
export async function runColdSync(pool: LoadPool, server: ServerHandle, options: ColdSyncOptions, boardId: string): Promise<ColdSyncFigures> {
  const url = server.boardUrl(boardId)
  const framing = server.boardFraming(boardId)
  let seedMs = Number.NaN
  if (options.seed) {
    const seedStart = performance.now()
    const seeder = await openDirect(url, framing)
    // 500 records per transaction keeps each update (~150 KB) well under ours' MAX_MESSAGE_BYTES.
    seeder.writeRecords(options.records, 500)
    await seeder.confirm()
    await seeder.close()
    seedMs = performance.now() - seedStart
    await waitForUnload(server)
  }
  const result = await pool.coldSync(url, framing, options.clients, options.records)
  // A client that failed or never held the whole board has not synced: it counts as never (Infinity, "n/a" in the
  // table), so a median over repeats cannot pick the one repeat that worked.
  const times = [
    ...result.doneMicros.map((done) => (done - result.startMicros) / 1_000),
    ...Array.from({ length: Math.max(0, options.clients - result.doneMicros.length) }, () => Number.POSITIVE_INFINITY),
  ].sort((a, b) => a - b)
  await waitForUnload(server)
  return {
    allSyncedMs: times.at(-1) ?? Number.NaN,
    medianClientMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    seedMs,
    verifiedShare: result.verified / options.clients,
    failedClients: result.failed,
  }
}

export interface MemoryOptions {
  boards: number
  recordsPerBoard: number
  concurrency: number
}

export interface MemoryFigures {
  rssBaselineMiB: number
  rssOpenMiB: number
  rssClosedMiB: number
  /** RSS after every board was closed, over the baseline. */
  rssRetainedMiB: number
  heapBaselineMiB: number
  heapOpenMiB: number
  heapClosedMiB: number
  /** Live heap after a full GC once every board was closed, over the baseline: what the boards still hold. */
  heapRetainedMiB: number
  roomsOpenAfterClose: number | null
}

interface MemorySample {
  rssMiB: number
  heapMiB: number
}

/** GC first, so RSS and heap show what is live rather than when V8 last collected. */
async function sampleMemory(server: ServerHandle): Promise<MemorySample> {
  const heap = await server.heapAfterGc()
  await sleep(200)
  return { rssMiB: readRssKiB(server.pid) / 1_024, heapMiB: heap.usedMiB }
}

/** Opens boards with content, holds them all open, closes them all, and samples the server's memory at each stage. */
export async function runMemory(server: ServerHandle, options: MemoryOptions, boardLabel: string): Promise<MemoryFigures> {
  // Created before the baseline: ours opens each new board once to store its template, then unloads it.
  const boardIds = await server.createBoards(options.boards, boardLabel)
  await waitForUnload(server)
  const baseline = await sampleMemory(server)
  const open: DirectClient[] = []
  for (let first = 0; first < options.boards; first += options.concurrency) {
    const batch = Array.from({ length: Math.min(options.concurrency, options.boards - first) }, async (_, offset) => {
      const boardId = boardIds[first + offset]
      if (!boardId) throw new Error('fewer boards than asked for')
      const client = await openDirect(server.boardUrl(boardId), server.boardFraming(boardId))
      client.writeRecords(options.recordsPerBoard, options.recordsPerBoard)
      await client.confirm()
      return client
    })
    open.push(...(await Promise.all(batch)))
  }
  const withOpen = await sampleMemory(server)
  await Promise.all(open.map((client) => client.close()))
  await waitForUnload(server)
  const closed = await sampleMemory(server)
  return {
    rssBaselineMiB: baseline.rssMiB,
    rssOpenMiB: withOpen.rssMiB,
    rssClosedMiB: closed.rssMiB,
    rssRetainedMiB: closed.rssMiB - baseline.rssMiB,
    heapBaselineMiB: baseline.heapMiB,
    heapOpenMiB: withOpen.heapMiB,
    heapClosedMiB: closed.heapMiB,
    heapRetainedMiB: closed.heapMiB - baseline.heapMiB,
    roomsOpenAfterClose: await server.roomsOpen(),
  }
}
