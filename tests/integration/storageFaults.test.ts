import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CloseCode } from '../../shared/closeCodes.ts'
import type { PendingWrite } from '../../server/storage/BoardStore.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'
import { NoteMap } from '../support/noteMap.ts'

let server: TestServer
const clients: BoardClient[] = []

beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  vi.restoreAllMocks()
  for (const client of clients.splice(0)) client.destroy()
  await server.stop()
})

async function connect(boardId: string): Promise<{ client: BoardClient; closes: number[] }> {
  const client = await connectSynced(server.wsUrl, boardId, server.adminToken)
  clients.push(client)
  const closes: number[] = []
  client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
  return { client, closes }
}

const FAULTS: Array<[string, () => Error]> = [
  ['SQLITE_FULL', () => new Database.SqliteError('database or disk is full', 'SQLITE_FULL')],
  ['a full disk (ENOSPC)', () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' })],
  ['EIO on the journal', () => Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO', syscall: 'write' })],
]

/** Makes every append that touches `boardId` fail with `fault`, until the returned function is called. */
function failWritesOf(boardId: string, fault: () => Error): () => void {
  const store = server.server.storage.boards
  const append = store.appendBatches.bind(store)
  let failing = true
  vi.spyOn(store, 'appendBatches').mockImplementation((writes: readonly PendingWrite[]) => {
    if (failing && writes.some((write) => write.boardId === boardId && write.updates.length > 0)) return Promise.reject(fault())
    return append(writes)
  })
  return () => {
    failing = false
  }
}

describe('storage faults stay with the rooms they hit', () => {
  it.each(FAULTS)('%s in a shared group commit fails only the room it touches', async (_name, fault) => {
    const [broken, healthy] = [await server.createBoard('broken'), await server.createBoard('healthy')]
    const brokenPeer = await connect(broken)
    const healthyWriter = await connect(healthy)
    const healthyWatcher = await connect(healthy)
    const restore = failWritesOf(broken, fault)

    // Server-side changes of two rooms in one turn land in the same group commit.
    const [brokenRoom, healthyRoom] = [await server.server.registry.open(broken), await server.server.registry.open(healthy)]
    brokenRoom.applyServerChange((doc) => new NoteMap(doc).set('lost', 'never stored'))
    healthyRoom.applyServerChange((doc) => new NoteMap(doc).set('server', 'stored'))

    await until(() => brokenPeer.closes.includes(CloseCode.internalError), 'the broken room’s client to be closed with 1011')
    await until(() => healthyWatcher.client.records.get('server') === 'stored', 'the healthy room’s change to be relayed')
    healthyWriter.client.records.set('later', 'still syncing')
    await until(() => healthyWatcher.client.records.get('later') === 'still syncing', 'the healthy room to keep syncing')
    expect(healthyWriter.closes).toEqual([])
    expect(healthyWatcher.closes).toEqual([])

    // Once storage works again, the broken room's client reconnects and what it holds is stored.
    restore()
    brokenPeer.client.records.set('after', 'recovered')
    await until(() => brokenPeer.client.provider.synced && brokenPeer.client.provider.wsconnected, 'the broken room’s client to reconnect')
    const reopened = await server.server.registry.open(broken)
    await until(() => new NoteMap(reopened.doc).get('after') === 'recovered', 'the client’s edit to reach the reloaded room')
    expect(new NoteMap(reopened.doc).has('lost')).toBe(false)
  })

  it('a throw while a room finishes its write fails that room and no later write of any room', async () => {
    const [broken, healthy] = [await server.createBoard('broken'), await server.createBoard('healthy')]
    const brokenPeer = await connect(broken)
    const healthyWriter = await connect(healthy)
    const healthyWatcher = await connect(healthy)
    const brokenRoom = await server.server.registry.open(broken)
    vi.spyOn(brokenRoom, 'writeStored').mockImplementation(() => {
      throw new Error('bookkeeping bug')
    })

    brokenPeer.client.records.set('x', 'y')
    await until(() => brokenPeer.closes.includes(CloseCode.internalError), 'the broken room’s client to be closed with 1011')
    for (let i = 0; i < 5; i++) healthyWriter.client.records.set(`n${i}`, 'ok')
    await until(() => healthyWatcher.client.records.size === 5, 'the healthy room’s later writes to be stored and relayed')
  })
})
