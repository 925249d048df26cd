import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { connectBoard, connectSynced, type BoardClient } from '../support/boardClient.ts'
import { openRaw, upgradeStatus } from '../support/rawSyncClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let a: EventFixture
let b: EventFixture
const clients: BoardClient[] = []

function track(client: BoardClient): BoardClient {
  clients.push(client)
  return client
}

beforeEach(async () => {
  server = await startTestServer()
  a = await createEventFixture(server.httpUrl, server.adminToken, 'Event A')
  b = await createEventFixture(server.httpUrl, server.adminToken, 'Event B')
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.stop()
})

describe('roles on the sync channel', () => {
  it.each([
    ['no token', ''],
    ['an unknown token', '?token=wrong'],
  ])('%s is closed with 4401 before any board data is sent', async (_what, query) => {
    const raw = openRaw(`${server.wsUrl}/${a.board.id}${query}`)
    expect((await raw.closed).code).toBe(CloseCode.unauthorized)
    expect(raw.received).toHaveLength(0)
  })

  it('a participant of event A cannot open a board of event B', async () => {
    const raw = openRaw(`${server.wsUrl}/${b.board.id}?token=${a.participant.token}`)
    expect((await raw.closed).code).toBe(CloseCode.forbidden)
    expect(raw.received).toHaveLength(0)
  })

  it('an unknown board is closed with 4404', async () => {
    const raw = openRaw(`${server.wsUrl}/nosuchboard?token=${a.participant.token}`)
    expect((await raw.closed).code).toBe(CloseCode.boardNotFound)
  })

  it('a browser from a foreign origin is refused', async () => {
    const status = await upgradeStatus(`${server.wsUrl}/${a.board.id}?token=${a.participant.token}`, { origin: 'http://evil.example' })
    expect(status).toBe(403)
  })

  it("a viewer's edit never reaches a participant and is not stored", async () => {
    const participant = track(await connectSynced(server.wsUrl, a.board.id, a.participant.token))
    const viewer = track(await connectSynced(server.wsUrl, a.board.id, a.viewer.token))
    const denied: string[] = []
    const originalWarn = console.warn
    console.warn = (...args: unknown[]) => denied.push(String(args[0]))
    try {
      viewer.records.set('scribble', 'vom Beamer')
      participant.records.set('idea', 'Holzspielzeug mit Sound')
      await until(() => viewer.records.get('idea') === 'Holzspielzeug mit Sound', 'the viewer to read the participant’s idea')
      await until(() => denied.some((line) => line.includes('Permission denied')), 'the permission-denied answer')
    } finally {
      console.warn = originalWarn
    }
    expect(participant.records.has('scribble')).toBe(false)

    for (const client of clients.splice(0)) client.destroy()
    await server.stop()
    server = await startTestServer({ dataDir: server.config.dataDir })
    const after = track(await connectSynced(server.wsUrl, a.board.id, a.participant.token))
    expect(after.records.toJSON()).toEqual({ idea: 'Holzspielzeug mit Sound' })
  })

  it("a viewer's cursor is not relayed, while it sees the participants'", async () => {
    const participant = track(await connectSynced(server.wsUrl, a.board.id, a.participant.token))
    const viewer = track(await connectSynced(server.wsUrl, a.board.id, a.viewer.token))
    viewer.provider.awareness.setLocalStateField('user', { name: 'Beamer' })
    participant.provider.awareness.setLocalStateField('user', { name: 'Anna' })
    await until(() => viewer.provider.awareness.getStates().get(participant.doc.clientID)?.user?.name === 'Anna', 'Anna at the viewer')
    const probe = track(await connectSynced(server.wsUrl, a.board.id, a.facilitator.token))
    await until(() => probe.provider.awareness.getStates().has(participant.doc.clientID), 'Anna at a later client')
    expect(probe.provider.awareness.getStates().has(viewer.doc.clientID)).toBe(false)
    expect(participant.provider.awareness.getStates().has(viewer.doc.clientID)).toBe(false)
  })

  it('a revoked participant is disconnected and cannot reconnect', async () => {
    const watcher = track(await connectSynced(server.wsUrl, a.board.id, a.facilitator.token))
    const raw = openRaw(`${server.wsUrl}/${a.board.id}?token=${a.participant.token}`)
    await raw.opened
    const revoke = await api(server.httpUrl, 'DELETE', `/api/events/${a.event.id}/links/${a.participant.id}`, a.facilitator.token)
    expect(revoke.status).toBe(204)
    expect((await raw.closed).code).toBe(CloseCode.unauthorized)

    const again = openRaw(`${server.wsUrl}/${a.board.id}?token=${a.participant.token}`)
    expect((await again.closed).code).toBe(CloseCode.unauthorized)
    watcher.records.set('still', 'working')
    const other = track(connectBoard(server.wsUrl, a.board.id, a.facilitator.token))
    await until(() => other.records.get('still') === 'working', 'the room to keep working for others')
  })
})
