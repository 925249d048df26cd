import { afterEach, describe, expect, it } from 'vitest'
import { createEventFixture } from '../support/api.ts'
import { connectBoard, connectSynced, type BoardClient } from '../support/boardClient.ts'
import { killHard, runServerToExit, startServerProcess, type ServerProcess } from '../support/serverProcess.ts'
import { makeDataDir } from '../support/testServer.ts'
import { until } from '../support/until.ts'

const ADMIN_TOKEN = 'durability-test-admin-token'
let server: ServerProcess | null = null
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  if (server && server.child.exitCode === null) await killHard(server)
})

describe('durability', () => {
  it('every edit a second client saw survives a SIGKILL of the server', async () => {
    const dataDir = makeDataDir()
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN })
    const { board, participant } = await createEventFixture(server.httpUrl, ADMIN_TOKEN)
    const writer = await connectSynced(server.wsUrl, board.id, participant.token)
    const watcher = await connectSynced(server.wsUrl, board.id, participant.token)
    clients.push(writer, watcher)

    for (let i = 0; i < 300; i++) {
      writer.records.set(`note-${i}`, `Idee ${i}: ${'x'.repeat(50)}`)
    }
    await until(() => watcher.records.size === 300, 'the watcher to see the whole burst')
    const seen = watcher.records.toJSON()

    await killHard(server)
    writer.provider.disconnect()
    watcher.provider.disconnect()

    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN })
    const fresh = connectBoard(server.wsUrl, board.id, participant.token)
    clients.push(fresh)
    await until(() => fresh.provider.synced, 'the fresh client to sync after the restart')
    expect(fresh.records.toJSON()).toEqual(seen)
  }, 180_000)

  it('a second server on the same DATA_DIR refuses to start, and the first keeps its board', async () => {
    const dataDir = makeDataDir()
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN })
    const { board, participant } = await createEventFixture(server.httpUrl, ADMIN_TOKEN, 'Kreative Lausitz')
    const writer = await connectSynced(server.wsUrl, board.id, participant.token)
    clients.push(writer)

    const second = await runServerToExit({ DATA_DIR: dataDir, ADMIN_TOKEN })
    expect(second.code).toBe(1)
    expect(second.output).toContain('is in use by another Ideenschmiede process')

    writer.records.set('idee', 'Werkstatt-Tausch')
    const reader = await connectSynced(server.wsUrl, board.id, participant.token)
    clients.push(reader)
    await until(() => reader.records.get('idee') === 'Werkstatt-Tausch', 'the edit at a second client of the first server')
    // A killed holder leaves no stale claim: the next start takes the directory over.
    await killHard(server)
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN })
    expect((await fetch(`${server.httpUrl}/healthz`)).ok).toBe(true)
  }, 180_000)
})
