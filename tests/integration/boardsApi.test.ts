import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Board } from '../../shared/api.ts'
import type { BoardSnapshot } from '../../shared/boardSnapshot.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let f: EventFixture
const clients: BoardClient[] = []

beforeEach(async () => {
  server = await startTestServer()
  f = await createEventFixture(server.httpUrl, server.adminToken)
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.stop()
})

async function createBoard(template: string, token = f.facilitator.token): Promise<Board> {
  const res = await api<Board>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, token, { title: `Board ${template}`, template })
  expect(res.status).toBe(201)
  return res.body
}

async function exportBoard(boardId: string): Promise<BoardSnapshot> {
  const res = await api<BoardSnapshot>(server.httpUrl, 'GET', `/api/boards/${boardId}/export`, f.participant.token)
  expect(res.status).toBe(200)
  return res.body
}

function recordIds(snapshot: BoardSnapshot): string[] {
  return snapshot.records.map((record) => String(record.id)).sort()
}

describe('templates', () => {
  it('a board created from a template holds its frames once, also after a restart', async () => {
    const board = await createBoard('cross-innovation-canvas')
    const first = await exportBoard(board.id)
    const names = first.records.filter((r) => r.type === 'frame').map((r) => (r.props as { name: string }).name)
    expect(names).toEqual(expect.arrayContaining(['Herausforderung', 'Kompetenzen der Kreativen', 'Ideen', 'Nutzen für Kunden', 'Nächste Schritte', 'Wer macht mit?']))

    const client = await connectSynced(server.wsUrl, board.id, f.participant.token)
    clients.push(client)
    client.destroy()
    clients.length = 0
    await server.stop()
    server = await startTestServer({ dataDir: server.config.dataDir })
    const again = await exportBoard(board.id)
    expect(again.records).toHaveLength(first.records.length)
    expect(recordIds(again)).toEqual(recordIds(first))
  })

  it('an unknown template is refused', async () => {
    const res = await api(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, { title: 'x', template: 'nope' })
    expect(res.status).toBe(400)
  })
})

describe('snapshot export and import', () => {
  it('a board exported from one server and imported into another is identical', async () => {
    const board = await createBoard('ideenschmiede')
    const snapshot = await exportBoard(board.id)
    const other = await startTestServer()
    try {
      const g = await createEventFixture(other.httpUrl, other.adminToken, 'Anderer Server')
      const imported = await api<Board>(other.httpUrl, 'POST', `/api/events/${g.event.id}/boards/import`, g.facilitator.token, { snapshot })
      expect(imported.status).toBe(201)
      expect(imported.body.title).toBe(board.title)
      const back = await api<BoardSnapshot>(other.httpUrl, 'GET', `/api/boards/${imported.body.id}/export`, g.facilitator.token)
      const byId = (s: BoardSnapshot) => Object.fromEntries(s.records.map((r) => [String(r.id), r]))
      expect(byId(back.body)).toEqual(byId(snapshot))
    } finally {
      await other.stop()
    }
  })

  it('a snapshot from a newer schema is refused with a clear message and creates no board', async () => {
    const snapshot = await exportBoard((await createBoard('leer')).id)
    const newer = { ...snapshot, schema: { schemaVersion: 2, sequences: { 'com.tldraw.shape': 999 } } }
    const before = await api<{ boards: Board[] }>(server.httpUrl, 'GET', `/api/events/${f.event.id}`, f.facilitator.token)
    const res = await api<{ error: { message: string } }>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards/import`, f.facilitator.token, { snapshot: newer })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('newer version')
    const after = await api<{ boards: Board[] }>(server.httpUrl, 'GET', `/api/events/${f.event.id}`, f.facilitator.token)
    expect(after.body.boards).toHaveLength(before.body.boards.length)
  })

  it('invalid records in a snapshot are refused', async () => {
    const snapshot = await exportBoard((await createBoard('ideenschmiede')).id)
    const broken = { ...snapshot, records: [...snapshot.records, { id: 'shape:bad', typeName: 'shape', type: 'geo', props: { w: 'wide' } }] }
    const res = await api(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards/import`, f.facilitator.token, { snapshot: broken })
    expect(res.status).toBe(400)
  })

  it('participants may not import', async () => {
    const snapshot = await exportBoard((await createBoard('leer')).id)
    const res = await api(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards/import`, f.participant.token, { snapshot })
    expect(res.status).toBe(403)
  })
})

describe('version history', () => {
  it('restoring brings back the old content while clients stay connected, and the restore can be undone', async () => {
    const board = await createBoard('cross-innovation-canvas')
    const anna = await connectSynced(server.wsUrl, board.id, f.participant.token)
    clients.push(anna)
    const records = () => anna.doc.getArray<{ key: string; val: unknown }>('tl_records').toArray()
    await until(() => records().length > 0, 'the template at anna')
    const original = records().length

    const named = await api<{ id: string }>(server.httpUrl, 'POST', `/api/boards/${board.id}/versions`, f.facilitator.token, { name: 'Vor dem Aufräumen' })
    expect(named.status).toBe(201)
    anna.doc.transact(() => anna.doc.getArray('tl_records').delete(0, 5))
    await until(() => records().length === original - 5, 'the deletion at anna')

    const restored = await api<{ backup: { id: string } }>(server.httpUrl, 'POST', `/api/boards/${board.id}/versions/${named.body.id}/restore`, f.facilitator.token)
    expect(restored.status).toBe(200)
    await until(() => records().length === original, 'the restored content at anna, still connected')
    expect(anna.provider.wsconnected).toBe(true)

    const undo = await api(server.httpUrl, 'POST', `/api/boards/${board.id}/versions/${restored.body.backup.id}/restore`, f.facilitator.token)
    expect(undo.status).toBe(200)
    await until(() => records().length === original - 5, 'the state before the restore again')
    const list = await api<Array<{ name: string }>>(server.httpUrl, 'GET', `/api/boards/${board.id}/versions`, f.facilitator.token)
    expect(list.body.map((v) => v.name)).toContain('Vor dem Aufräumen')
  })

  it('only facilitators see and restore versions', async () => {
    const board = await createBoard('leer')
    expect((await api(server.httpUrl, 'GET', `/api/boards/${board.id}/versions`, f.participant.token)).status).toBe(403)
    expect((await api(server.httpUrl, 'POST', `/api/boards/${board.id}/versions/nope/restore`, f.facilitator.token)).status).toBe(404)
  })
})
