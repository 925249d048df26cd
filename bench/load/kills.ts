import { connectSynced } from '../../tests/support/boardClient.ts'
import { sleep } from '../procStats.ts'
import { ClientPool } from './ClientPool.ts'
import type { PageSpec } from './clientProtocol.ts'
import { check, ms, quantile, type LoadOptions, type ScenarioResult } from './scenarioResult.ts'
import { ServerUnderTest } from './ServerUnderTest.ts'

const WRITERS = 8
const WRITE_HZ = 5
const RESYNC_TIMEOUT_MS = 60_000
const DRAIN_TIMEOUT_MS = 60_000
const TARGET_RECONNECT_P50_MS = 200

/**
 * Scenario 3: 8 writers add notes without pause while the server is
 * killed with SIGKILL 20 times and started again. An edit counts as lost
 * when a writer made it (connected or not: the stock provider keeps it and
 * sends it on reconnect, as the board page does) and it is not in the
 * board read back from storage at the end. Storage is read after one more
 * SIGKILL, once an observer client has seen every edit: so an edit the
 * server relayed but had not stored would show up as lost too.
 */
export async function runKills(options: LoadOptions): Promise<ScenarioResult> {
  const kills = options.quick ? 5 : 20
  const server = await ServerUnderTest.start()
  const pool = new ClientPool(1)
  try {
    const [board] = await server.createBoards(1, 'Absturz')
    if (!board) throw new Error('no board')
    const specs: PageSpec[] = Array.from({ length: WRITERS + 1 }, (_, index) => ({
      uid: index + 1,
      wsBase: server.wsBase,
      boardId: board.id,
      token: server.token,
      writer: index < WRITERS,
    }))
    await pool.openPages(specs)
    await pool.pagesWrite(WRITE_HZ)
    const killToHealthy: number[] = []
    const exitToHealthy: number[] = []
    const reconnects: number[] = []
    let neverBack = 0
    for (let kill = 0; kill < kills; kill++) {
      // Kills at random moments of the writing, not on a beat the writers could fall into.
      await sleep(1_000 + Math.random() * 1_000)
      const resynced = pool.pagesResynced(Date.now(), 0, RESYNC_TIMEOUT_MS)
      const restart = await server.restart('SIGKILL')
      killToHealthy.push(restart.healthyAt - restart.signalAt)
      exitToHealthy.push(restart.healthyAt - restart.exitedAt)
      for (const time of await resynced) {
        if (time === null) neverBack += 1
        else reconnects.push(Math.max(0, time - restart.healthyAt))
      }
    }
    await pool.pagesWrite(0)

    const written = () => pool.pagesState(true).then((states) => states.filter((state) => state.writer).flatMap((state) => state.keys ?? []))
    const allWritten = await written()
    const deadline = Date.now() + DRAIN_TIMEOUT_MS
    for (;;) {
      const observer = (await pool.pagesState(true)).find((state) => !state.writer)
      const seen = new Set(observer?.keys ?? [])
      if (allWritten.every((key) => seen.has(key))) break
      if (Date.now() > deadline) break
      await sleep(100)
    }
    await pool.closePages()
    await server.restart('SIGKILL')
    const reader = await connectSynced(server.wsBase, board.id, server.token)
    const stored = new Set(Object.keys(reader.records.toJSON()))
    reader.destroy()
    const lost = allWritten.filter((key) => !stored.has(key)).length
    const reconnectP50 = quantile(reconnects, 0.5)
    return {
      id: 'kills',
      title: `${kills} × SIGKILL under ${WRITERS} writers adding ${WRITE_HZ} notes/s each`,
      checks: [
        check('edits lost', `${lost} of ${allWritten.length}`, '0', lost === 0),
        check('reconnect after healthy, p50', ms(reconnectP50), `≤ ${TARGET_RECONNECT_P50_MS} ms`, neverBack === 0 && reconnectP50 <= TARGET_RECONNECT_P50_MS),
        check('reconnect after healthy, max', ms(Math.max(...reconnects)), '—', null),
        check('kill → healthy (node dist/server.mjs), p50 / max', `${ms(quantile(killToHealthy, 0.5))} / ${ms(Math.max(...killToHealthy))}`, '—', null),
        check('exit → healthy (start alone), p50', ms(quantile(exitToHealthy, 0.5)), '—', null),
      ],
      figures: {
        kills,
        writers: WRITERS,
        editsWritten: allWritten.length,
        editsStored: stored.size,
        editsLost: lost,
        clientsNeverBack: neverBack,
        reconnectMs: { p50: reconnectP50, p90: quantile(reconnects, 0.9), max: Math.max(...reconnects), samples: reconnects.length },
        killToHealthyMs: { p50: quantile(killToHealthy, 0.5), max: Math.max(...killToHealthy), all: killToHealthy },
        exitToHealthyMs: { p50: quantile(exitToHealthy, 0.5), max: Math.max(...exitToHealthy) },
      },
    }
  } finally {
    await pool.closePages()
    pool.close()
    await server.stop()
  }
}
