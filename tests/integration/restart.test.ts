import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes.ts'
import { createEventFixture } from '../support/api.ts'
import { connectLikeBoardPage, type BoardClient } from '../support/boardClient.ts'
import { killHard, startServerProcess, type ServerProcess } from '../support/serverProcess.ts'
import { makeDataDir } from '../support/testServer.ts'
import { until } from '../support/until.ts'

const ADMIN_TOKEN = 'restart-test-admin-token'
let server: ServerProcess | null = null
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  if (server && server.child.exitCode === null) await killHard(server)
})

function stop(running: ServerProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code))
    running.child.kill(signal)
  })
}

describe('a restart', () => {
  it('SIGTERM closes sync sockets with 1012, stores every edit, and clients come back at once', { timeout: 90_000 }, async () => {
    const dataDir = makeDataDir()
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN })
    const { board, participant } = await createEventFixture(server.httpUrl, ADMIN_TOKEN)
    const wsUrl = server.wsUrl
    const peers = Array.from({ length: 6 }, () => connectLikeBoardPage(wsUrl, board.id, participant.token))
    clients.push(...peers)
    await until(() => peers.every((peer) => peer.provider.synced), 'every client to sync')
    for (let i = 0; i < 50; i++) peers[0]?.records.set(`note-${i}`, `Idee ${i}`)
    await until(() => peers.every((peer) => peer.records.size === 50), 'every client to see the edits')

    // It used to hang here: socket.io's close waited for the board connections nobody had closed.
    expect(await stop(server, 'SIGTERM')).toBe(0)
    expect(peers.map((peer) => peer.closes[0])).toEqual(peers.map(() => CloseCode.serviceRestart))

    const restartedAt = Date.now()
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN }, server.port)
    const healthyAt = Date.now()
    // A client retrying at once may be back before the health poll (every 50 ms) notices the server: count from the restart.
    await until(() => peers.every((peer) => peer.syncedAt() > restartedAt), 'every client to be back', 15_000)
    // Backing off, as after any other close, would by now wait seconds between tries; the bound leaves room for a busy CI machine.
    expect(Math.max(...peers.map((peer) => peer.syncedAt() - healthyAt))).toBeLessThan(2_500)

    const fresh = connectLikeBoardPage(server.wsUrl, board.id, participant.token)
    clients.push(fresh)
    await until(() => fresh.provider.synced, 'a fresh client to sync')
    expect(fresh.records.size).toBe(50)
  })
})
