import { afterEach, describe, expect, it } from 'vitest'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { ANONYMOUS_NOTE_AUTHOR } from '../../shared/noteMeta.ts'
import { myDataSchema } from '../../shared/privacy.ts'
import type { WorkshopState } from '../../shared/workshop/index.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { connectSynced } from '../support/boardClient.ts'
import { findInDataDir } from '../support/dataDirScan.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'
import { useEverything } from '../support/usedEvent.ts'

let server: TestServer
const closers: Array<() => void> = []

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server.stop()
})

async function reportOf(f: EventFixture, query = ''): Promise<string> {
  const res = await fetch(`${server.httpUrl}/api/events/${f.event.id}/report?format=md${query}`, { headers: { Authorization: `Bearer ${f.facilitator.token}` } })
  expect(res.status).toBe(200)
  return res.text()
}


async function readWithServer(boardId: string): Promise<unknown[]> {
  const watcher = await connectSynced(server.wsUrl, boardId, server.adminToken)
  try {
    return Array.from(readBoardRecords(watcher.doc).values())
  } finally {
    watcher.destroy()
  }
}

describe('deleting an event', () => {
  it('leaves nothing of it in any table, the journal or the assets, cuts its connections, and leaves other events alone', async () => {
    server = await startTestServer()
    const gone = await useEverything(server, closers, 'Auftakt Lausitz', 'Zwiebelturm7731')
    const kept = await useEverything(server, closers, 'Fachveranstaltung Görlitz', 'Kirschbaum4417')
    const goneIds = [gone.f.event.id, gone.f.board.id, gone.pairBoardId]
    expect(findInDataDir(server.config.dataDir, [...goneIds, gone.marker])).not.toEqual([])

    const wrong = await api(server.httpUrl, 'DELETE', `/api/events/${gone.f.event.id}`, gone.f.facilitator.token, { confirmTitle: 'Auftakt' })
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } })
    expect(await server.server.storage.events.getEvent(gone.f.event.id)).not.toBeNull()
    expect((await api(server.httpUrl, 'DELETE', `/api/events/${gone.f.event.id}`, kept.f.facilitator.token, { confirmTitle: 'Auftakt Lausitz' })).status).toBe(403)
    expect((await api(server.httpUrl, 'DELETE', '/api/events/kein-event!', server.adminToken, { confirmTitle: 'x' })).status).toBe(400)

    const deleted = await api(server.httpUrl, 'DELETE', `/api/events/${gone.f.event.id}`, gone.f.facilitator.token, { confirmTitle: 'Auftakt Lausitz' })
    expect(deleted.status).toBe(204)
    await until(() => !gone.facilitator.socket.connected && !gone.anna.client.socket.connected, 'the event’s sockets cut off')
    await until(() => gone.writer.provider.wsconnected === false, 'the board connection cut off')
    expect(findInDataDir(server.config.dataDir, [...goneIds, gone.marker])).toEqual([])
    expect((await api(server.httpUrl, 'GET', `/api/events/${gone.f.event.id}`, server.adminToken)).status).toBe(404)
    expect((await api(server.httpUrl, 'GET', '/api/me', gone.anna.token)).status).toBe(401)

    // Nothing of it is left for a restart to replay, and the other event opens as before.
    for (const close of closers.splice(0)) close()
    await server.server.close()
    expect(findInDataDir(server.config.dataDir, [...goneIds, gone.marker])).toEqual([])
    expect(findInDataDir(server.config.dataDir, [kept.marker]).length).toBeGreaterThan(0)
    server = await startTestServer({ dataDir: server.config.dataDir })
    expect(await reportOf(kept.f)).toContain(`Idee ${kept.marker}`)
  })
})

describe('retention', () => {
  it('when the period ends, names, contacts, profiles, marks and device links go; boards stay and notes lose only their author', async () => {
    let now = Date.parse('2024-11-08T18:00:00Z')
    server = await startTestServer({}, { now: () => now })
    const used = await useEverything(server, closers, 'Auftakt Lausitz', 'Wiesenweg2290')
    await server.server.retention.runDue()
    expect(findInDataDir(server.config.dataDir, [`anna.${used.marker}@example.org`])).not.toEqual([])

    now = Date.parse('2025-02-07T12:00:00Z')
    await server.server.retention.runDue()
    expect(await server.server.storage.events.getEvent(used.f.event.id)).toMatchObject({ personalDataRemovedAt: '2025-02-07T12:00:00.000Z' })
    expect(findInDataDir(server.config.dataDir, [`Anna ${used.marker}`, `Bernd ${used.marker}`, `@example.org`, used.anna.id, used.bernd.id])).toEqual([])
    expect((await api(server.httpUrl, 'GET', '/api/me', used.anna.token)).status).toBe(401)
    expect((await api(server.httpUrl, 'GET', '/api/me', used.f.participant.token)).status).toBe(401)
    expect((await api(server.httpUrl, 'POST', '/api/join', undefined, { code: used.f.participant.code })).status).toBe(404)
    expect((await api(server.httpUrl, 'GET', `/api/events/${used.f.event.id}`, used.f.facilitator.token)).status).toBe(200)

    const records = await readWithServer(used.f.board.id)
    const note = records.find((r) => (r as { id?: string }).id === 'shape:idee') as { meta: Record<string, unknown> } | undefined
    expect(note?.meta).toMatchObject({ authorId: ANONYMOUS_NOTE_AUTHOR, authorSide: 'kreative' })
    expect(JSON.stringify(await readWithServer(used.pairBoardId))).toContain(ANONYMOUS_NOTE_AUTHOR)
    const report = await reportOf(used.f)
    expect(report).toContain(`Idee ${used.marker}`)
    expect(report).not.toContain(used.marker.replace(/\d+/, '') + ' ')
    expect(report).not.toMatch(/Anna|Bernd/)
  })

  it('with "delete at the end" the whole event goes when the period ends, not before', async () => {
    let now = Date.parse('2024-11-08T18:00:00Z')
    server = await startTestServer({}, { now: () => now })
    const f = await createEventFixture(server.httpUrl, server.adminToken, 'Abschluss')
    expect((await api(server.httpUrl, 'PATCH', `/api/events/${f.event.id}`, f.facilitator.token, { retentionDays: 30, deleteAfterRetention: true })).status).toBe(200)
    now = Date.parse('2024-12-08T12:00:00Z')
    await server.server.retention.runDue()
    expect(await server.server.storage.events.getEvent(f.event.id)).not.toBeNull()
    now = Date.parse('2024-12-09T00:00:00Z')
    await server.server.retention.runDue()
    expect(await server.server.storage.events.getEvent(f.event.id)).toBeNull()
  })
})

describe('a participant’s own data', () => {
  it('they see and download it, and deleting it takes them off the roster, the matches, the report and their notes', async () => {
    server = await startTestServer()
    const used = await useEverything(server, closers, 'Auftakt Lausitz', 'Seeufer5521')
    const { anna, bernd, facilitator, f } = used
    await until(() => facilitator.roster()?.some((entry) => entry.name === `Anna ${used.marker}`) === true, 'Anna on the roster')

    const mine = await api(server.httpUrl, 'GET', `/api/events/${f.event.id}/my-data`, anna.token)
    expect(mine.status).toBe(200)
    const data = myDataSchema.parse(mine.body)
    expect(data.profile).toMatchObject({ name: `Anna ${used.marker}`, side: 'kreative', contact: `anna.${used.marker}@example.org` })
    expect(data.marks).toEqual([{ personId: bernd.id, name: `Bernd ${used.marker}`, followUp: true, shareContact: true }])
    expect(data.notes).toEqual([{ board: 'Freie Ideenschmiede', text: `Idee ${used.marker}` }])
    expect(data.removedAfter).toBe('2025-02-07T00:00:00.000Z')

    expect((await api(server.httpUrl, 'DELETE', `/api/events/${f.event.id}/my-data`, anna.token)).status).toBe(204)
    await until(() => facilitator.roster()?.every((entry) => entry.name !== `Anna ${used.marker}`) === true, 'Anna off the roster')
    await until(() => bernd.client.matches()?.matches.length === 0, 'the match gone at Bernd')
    expect(JSON.stringify(bernd.client.matches())).not.toContain('example.org')
    expect(Object.keys(facilitator.state()?.directory ?? {})).toEqual([bernd.id])
    const voters = (facilitator.state() as WorkshopState).vote?.voters ?? {}
    expect(JSON.stringify(voters)).not.toContain('Anna')
    const report = await reportOf(f)
    expect(report).not.toContain('Anna')
    expect(report).toContain(`Idee ${used.marker}`)
    const note = (await readWithServer(f.board.id)).find((r) => (r as { id?: string }).id === 'shape:idee') as { meta: Record<string, unknown> }
    expect(note.meta.authorId).toBe(ANONYMOUS_NOTE_AUTHOR)
    expect(findInDataDir(server.config.dataDir, [`Anna ${used.marker}`, `anna.${used.marker}@example.org`, anna.id])).toEqual([])
    expect(findInDataDir(server.config.dataDir, [`Bernd ${used.marker}`])).not.toEqual([])
    expect((await api(server.httpUrl, 'GET', `/api/events/${f.event.id}/my-data`, anna.token)).status).toBe(401)
  })

  it('bad ids, unknown tokens and other events’ tokens get a clear refusal and change nothing', async () => {
    server = await startTestServer()
    const used = await useEverything(server, closers, 'Auftakt Lausitz', 'Moorweg1107')
    const other = await createEventFixture(server.httpUrl, server.adminToken, 'Abschluss')
    const path = `/api/events/${used.f.event.id}/my-data`
    expect((await api(server.httpUrl, 'DELETE', path, 'kein-token')).status).toBe(401)
    expect((await api(server.httpUrl, 'DELETE', path, other.facilitator.token)).status).toBe(403)
    expect((await api(server.httpUrl, 'GET', path, other.participant.token)).status).toBe(403)
    expect((await api(server.httpUrl, 'DELETE', '/api/events/kein%20event/my-data', used.anna.token)).status).toBe(400)
    expect((await api(server.httpUrl, 'DELETE', `/api/events/${used.f.event.id}`, used.anna.token, { confirmTitle: 'Auftakt Lausitz' })).status).toBe(403)
    expect((await api(server.httpUrl, 'DELETE', `/api/events/${used.f.event.id}`, used.f.facilitator.token, {})).status).toBe(400)
    expect((await api(server.httpUrl, 'DELETE', `/api/events/${other.event.id}x`, server.adminToken, { confirmTitle: 'Abschluss' })).status).toBe(404)
    expect(myDataSchema.parse((await api(server.httpUrl, 'GET', path, used.anna.token)).body).profile?.name).toBe(`Anna ${used.marker}`)
    expect(await server.server.storage.events.getEvent(used.f.event.id)).not.toBeNull()
  })

  it('an anonymous report names nobody, not even the pairs who agreed to share', async () => {
    server = await startTestServer()
    const used = await useEverything(server, closers, 'Auftakt Lausitz', 'Bergpfad8830')
    expect(await reportOf(used.f, '&anonymous=true')).not.toMatch(/Anna|Bernd/)
    expect((await api(server.httpUrl, 'GET', `/api/events/${used.f.event.id}/report?anonymous=ja`, used.f.facilitator.token)).status).toBe(400)
  })
})
