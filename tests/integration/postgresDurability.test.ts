import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes.ts'
import { SQLITE_FILE_NAME } from '../../server/storage/Storage.ts'
import { createEventFixture } from '../support/api.ts'
import { connectLikeBoardPage, connectSynced, type BoardClient } from '../support/boardClient.ts'
import { adminQuery, describeWithPostgres, makeTestSchema } from '../support/postgres.ts'
import { freePort, killHard, runServerToExit, startServerProcess, type ServerProcess } from '../support/serverProcess.ts'
import { startTcpProxy } from '../support/tcpProxy.ts'
import { makeDataDir, startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

const ADMIN_TOKEN = 'postgres-durability-admin-token'
const clients: BoardClient[] = []
let inProcess: TestServer | null = null
const processes: ServerProcess[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await inProcess?.stop()
  inProcess = null
  for (const running of processes.splice(0)) if (running.child.exitCode === null && running.child.signalCode === null) await killHard(running)
})

function keep<T extends BoardClient>(client: T): T {
  clients.push(client)
  return client
}

describeWithPostgres('boards on PostgreSQL', () => {
  it('edits of two clients on two boards, compacted into snapshots, are all there after the server closes and a new one opens', async () => {
    const { schema, url } = await makeTestSchema()
    inProcess = await startTestServer({ databaseUrl: url, compactAfterUpdates: 20, compactIdleMs: 20 })
    const boards = [await inProcess.createBoard('Freie Ideenschmiede'), await inProcess.createBoard('Workshop')]
    const token = await inProcess.participantToken()
    for (const boardId of boards) {
      const [anna, bernd] = [keep(await connectSynced(inProcess.wsUrl, boardId, token)), keep(await connectSynced(inProcess.wsUrl, boardId, token))]
      for (let i = 0; i < 60; i++) {
        anna.records.set(`anna-${i}`, `Idee ${i}`)
        bernd.records.set(`bernd-${i}`, `Frage ${i}`)
      }
      await until(() => anna.records.size === 120 && bernd.records.size === 120, 'both clients to see every edit')
    }
    for (const client of clients.splice(0)) client.destroy()
    await inProcess.stop()
    expect(await adminQuery(`SELECT board_id FROM ${schema}.board_snapshots`)).toHaveLength(2)

    // Another data directory: nothing of the boards may live in the first one.
    inProcess = await startTestServer({ databaseUrl: url })
    const reader = await inProcess.participantToken()
    for (const boardId of boards) {
      const fresh = keep(await connectSynced(inProcess.wsUrl, boardId, reader))
      expect(fresh.records.size).toBe(120)
      expect(fresh.records.get('bernd-59')).toBe('Frage 59')
    }
  })

  it('every edit a second client saw survives a SIGKILL, and a server with another DATA_DIR serves it', { timeout: 90_000 }, async () => {
    const { url } = await makeTestSchema()
    const firstDir = makeDataDir()
    const first = await startServerProcess({ DATA_DIR: firstDir, ADMIN_TOKEN, DATABASE_URL: url })
    processes.push(first)
    const { board, participant } = await createEventFixture(first.httpUrl, ADMIN_TOKEN)
    const writer = keep(await connectSynced(first.wsUrl, board.id, participant.token))
    const watcher = keep(await connectSynced(first.wsUrl, board.id, participant.token))
    for (let i = 0; i < 50; i++) writer.records.set(`note-${i}`, `Idee ${i}`)
    await until(() => watcher.records.size === 50, 'the watcher to see every edit')
    await killHard(first)
    expect(fs.existsSync(path.join(firstDir, SQLITE_FILE_NAME))).toBe(false)

    const second = await startServerProcess({ DATA_DIR: makeDataDir(), ADMIN_TOKEN, DATABASE_URL: url })
    processes.push(second)
    const fresh = keep(await connectSynced(second.wsUrl, board.id, participant.token))
    expect(fresh.records.size).toBe(50)
  })

  it('when PostgreSQL goes away, a write is refused: its client is cut off and nobody receives it', async () => {
    const { url } = await makeTestSchema()
    const target = new URL(url)
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432))
    target.host = `127.0.0.1:${proxy.port}`
    inProcess = await startTestServer({ databaseUrl: target.toString() })
    const boardId = await inProcess.createBoard()
    const token = await inProcess.participantToken()
    const writer = keep(connectLikeBoardPage(inProcess.wsUrl, boardId, token))
    const reader = keep(connectLikeBoardPage(inProcess.wsUrl, boardId, token))
    await until(() => writer.provider.synced && reader.provider.synced, 'both clients to sync')
    writer.records.set('vorher', 'gespeichert')
    await until(() => reader.records.has('vorher'), 'the stored edit to arrive')

    await proxy.cut()
    writer.records.set('nachher', 'nicht gespeichert')
    await until(() => writer.closes.includes(CloseCode.internalError), 'the writer to be cut off with "storage failure"')
    expect(reader.closes).toContain(CloseCode.internalError)
    expect(reader.records.has('nachher')).toBe(false)
  })
})

describe('an unreachable DATABASE_URL', () => {
  it('stops the start with a message that names it, where it points and why', async () => {
    const port = await freePort()
    const { code, output } = await runServerToExit({ DATA_DIR: makeDataDir(), DATABASE_URL: `postgres://ideen:geheim@127.0.0.1:${port}/ideenschmiede` })
    expect(code).toBe(1)
    expect(output).toContain(`Ideenschmiede kann nicht starten: PostgreSQL at 127.0.0.1:${port}/ideenschmiede (DATABASE_URL) is not usable: connect ECONNREFUSED`)
    expect(output).not.toContain('geheim')
  })
})
