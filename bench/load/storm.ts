import { connectSynced } from '../../tests/support/boardClient.ts'
import { ClientPool } from './ClientPool.ts'
import type { PageSpec } from './clientProtocol.ts'
import { check, ms, quantile, type LoadOptions, type ScenarioResult } from './scenarioResult.ts'
import { ServerUnderTest, type Board } from './ServerUnderTest.ts'

const BOARDS = 20
const CLIENTS_PER_BOARD = 10
const LOAD_PROCESSES = 2
const TARGET_MS = 3_000
const RESYNC_TIMEOUT_MS = 60_000

async function seedBoard(server: ServerUnderTest, board: Board, notes: number): Promise<void> {
  const seeder = await connectSynced(server.wsBase, board.id, server.token)
  try {
    seeder.doc.transact(() => {
      for (let n = 0; n < notes; n++) seeder.records.set(`seed-${n}`, `Notiz ${n}: eine Idee aus der Ideenschmiede`)
    })
    // A second client that holds everything proves the server has it, not just the seeder's socket buffer.
    const reader = await connectSynced(server.wsBase, board.id, server.token)
    const size = reader.records.size
    reader.destroy()
    if (size < notes) throw new Error(`board ${board.id} holds ${size} of ${notes} seeded notes`)
  } finally {
    seeder.destroy()
  }
}

interface StormRun {
  signal: 'SIGTERM' | 'SIGKILL'
  signalToHealthyMs: number
  /** From healthy until every client had synced again and held the whole board. */
  allResyncedMs: number
  p50Ms: number
  /** Clients that synced before the health poll saw the new process (counted as 0 ms). */
  beforeHealthy: number
  notResynced: number
}

async function restartAndTime(server: ServerUnderTest, pool: ClientPool, signal: StormRun['signal'], notes: number): Promise<StormRun> {
  const after = Date.now()
  // Listening starts before the restart: a client may well be back before this process hears the server is healthy.
  const resynced = pool.pagesResynced(after, notes, RESYNC_TIMEOUT_MS)
  const restart = await server.restart(signal)
  const times = await resynced
  const fromHealthy = times.filter((time): time is number => time !== null).map((time) => Math.max(0, time - restart.healthyAt))
  return {
    signal,
    signalToHealthyMs: restart.healthyAt - restart.signalAt,
    allResyncedMs: Math.max(...fromHealthy),
    p50Ms: quantile(fromHealthy, 0.5),
    beforeHealthy: times.filter((time) => time !== null && time < restart.healthyAt).length,
    notResynced: times.filter((time) => time === null).length,
  }
}

/**
 * Scenario 2: 200 clients on 20 boards with content, the server restarted
 * under them: once as a deploy does (SIGTERM, clients told 1012), once
 * killed (SIGKILL, clients see 1006 and back off with jitter).
 */
export async function runStorm(options: LoadOptions): Promise<ScenarioResult> {
  const notes = options.quick ? 50 : 200
  const server = await ServerUnderTest.start()
  const pool = new ClientPool(LOAD_PROCESSES)
  try {
    const boards = await server.createBoards(BOARDS, 'Sturm')
    for (const board of boards) await seedBoard(server, board, notes)
    const specs: PageSpec[] = boards.flatMap((board, boardIndex) =>
      Array.from({ length: CLIENTS_PER_BOARD }, (_, index) => ({
        uid: boardIndex * CLIENTS_PER_BOARD + index + 1,
        wsBase: server.wsBase,
        boardId: board.id,
        token: server.token,
        writer: false,
      })),
    )
    await pool.openPages(specs)
    const runs: StormRun[] = []
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) runs.push(await restartAndTime(server, pool, signal, notes))
    const [graceful, killed] = runs
    if (!graceful || !killed) throw new Error('both restarts must have run')
    const row = (run: StormRun) =>
      check(
        `${run.signal}: healthy → all ${specs.length} resynced`,
        `${ms(run.allResyncedMs)} (p50 ${ms(run.p50Ms)}${run.notResynced > 0 ? `, ${run.notResynced} never` : ''})`,
        `≤ ${TARGET_MS} ms`,
        run.notResynced === 0 && run.allResyncedMs <= TARGET_MS,
      )
    return {
      id: 'storm',
      title: `reconnect storm: ${specs.length} clients on ${BOARDS} boards of ${notes} notes, server restarted`,
      checks: [
        row(graceful),
        row(killed),
        check('signal → healthy (SIGTERM / SIGKILL)', `${ms(graceful.signalToHealthyMs)} / ${ms(killed.signalToHealthyMs)}`, '—', null),
      ],
      figures: { clients: specs.length, boards: BOARDS, notesPerBoard: notes, runs },
    }
  } finally {
    await pool.closePages()
    pool.close()
    await server.stop()
  }
}
