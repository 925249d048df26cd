import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectBoard, connectSynced, type BoardClient } from '../support/boardClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
const clients: BoardClient[] = []

function track(client: BoardClient): BoardClient {
  clients.push(client)
  return client
}

let boards: Map<string, string>

function board(name: string): string {
  const id = boards.get(name)
  if (!id) throw new Error(`no board named ${name}`)
  return id
}

beforeEach(async () => {
  server = await startTestServer()
  boards = new Map()
  for (const name of ['board-1', 'room-a', 'room-b', 'presence', 'cold', 'idle']) boards.set(name, await server.createBoard(name))
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.stop()
})

describe('board sync over the stock y-websocket provider', () => {
  it('two clients editing at the same time converge, and a later client receives the whole board', async () => {
    const a = track(await connectSynced(server.wsUrl, board('board-1'), server.adminToken))
    const b = track(await connectSynced(server.wsUrl, board('board-1'), server.adminToken))
    for (let i = 0; i < 20; i++) {
      a.records.set(`a${i}`, `from a ${i}`)
      b.records.set(`b${i}`, `from b ${i}`)
    }
    a.records.set('shared', 'a wins?')
    b.records.set('shared', 'b wins?')
    await until(() => a.records.size === 41 && b.records.size === 41, 'both clients to hold 41 records')
    await until(() => a.records.get('shared') === b.records.get('shared'), 'the conflicting key to converge')
    expect(a.records.toJSON()).toEqual(b.records.toJSON())

    const late = track(await connectSynced(server.wsUrl, board('board-1'), server.adminToken))
    await until(() => late.records.size === 41, 'the late client to receive the board')
    expect(late.records.toJSON()).toEqual(a.records.toJSON())
  })

  it('boards are separate rooms', async () => {
    const a = track(await connectSynced(server.wsUrl, board('room-a'), server.adminToken))
    const b = track(await connectSynced(server.wsUrl, board('room-b'), server.adminToken))
    a.records.set('only-a', 'x')
    const a2 = track(await connectSynced(server.wsUrl, board('room-a'), server.adminToken))
    await until(() => a2.records.has('only-a'), 'the record in room a')
    expect(b.records.has('only-a')).toBe(false)
  })

  it("a client's presence appears at the others and disappears when it disconnects", async () => {
    const a = track(await connectSynced(server.wsUrl, board('presence'), server.adminToken))
    const b = track(await connectSynced(server.wsUrl, board('presence'), server.adminToken))
    a.provider.awareness.setLocalStateField('user', { name: 'Anna', color: '#e03131' })
    const aId = a.doc.clientID
    await until(() => b.provider.awareness.getStates().get(aId)?.user?.name === 'Anna', "Anna's presence at b")

    const late = track(connectBoard(server.wsUrl, board('presence'), server.adminToken))
    await until(() => late.provider.awareness.getStates().has(aId), "Anna's presence at a client joining later")

    a.provider.disconnect()
    await until(() => !b.provider.awareness.getStates().has(aId), "Anna's presence to be removed at b")
    await until(() => !late.provider.awareness.getStates().has(aId), "Anna's presence to be removed at the late client")
  })

  it('50 clients connecting to one cold board at once load it from storage exactly once', async () => {
    const seed = await connectSynced(server.wsUrl, board('cold'), server.adminToken)
    for (let i = 0; i < 100; i++) seed.records.set(`r${i}`, 'x'.repeat(100))
    await server.server.registry.open(board('cold')).then((room) => room.whenWritten())
    seed.destroy()
    await until(() => server.server.registry.openRoomCount === 0, 'the board to unload')
    const loadsBefore = server.server.metrics.read('board_loads_total')

    const crowd = Array.from({ length: 50 }, () => track(connectBoard(server.wsUrl, board('cold'), server.adminToken)))
    await until(() => crowd.every((c) => c.provider.synced && c.records.size === 100), 'all 50 clients to sync', 20_000)
    expect(server.server.metrics.read('board_loads_total') - loadsBefore).toBe(1)
  })

  it('an idle board is unloaded after its last client leaves, and nothing is lost', async () => {
    const a = await connectSynced(server.wsUrl, board('idle'), server.adminToken)
    a.records.set('kept', 'yes')
    await until(() => server.server.registry.openRoomCount === 1, 'the room to be open')
    a.destroy()
    await until(() => server.server.registry.openRoomCount === 0, 'the room to unload')
    const b = track(await connectSynced(server.wsUrl, board('idle'), server.adminToken))
    await until(() => b.records.get('kept') === 'yes', 'the record after reload')
  })
})
