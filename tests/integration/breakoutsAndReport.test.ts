import { toRichText } from '@tldraw/tlschema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Board } from '../../shared/api.ts'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { joinAs } from '../support/participants.ts'
import { connectSession, type SessionClient } from '../support/sessionClient.ts'
import { frame, note } from '../support/shapeRecords.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let f: EventFixture
let facilitator: SessionClient
let board: Board
let writer: BoardClient
const closers: Array<() => void> = []

const FRAMES = ['shape:cluster-1', 'shape:cluster-2', 'shape:cluster-3', 'shape:cluster-4']

beforeEach(async () => {
  server = await startTestServer()
  f = await createEventFixture(server.httpUrl, server.adminToken)
  facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
  const created = await api<Board>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, { title: 'Freie Ideenschmiede', template: 'ideenschmiede' })
  board = created.body
  writer = await connectSynced(server.wsUrl, board.id, f.facilitator.token)
  closers.push(() => facilitator.close(), () => writer.destroy())
  const notes = FRAMES.flatMap((frameId, g) => [
    note(`shape:n${g}a`, frameId, `Idee ${g + 1}a: Holz, „Klang“, Ümlaut`, 'kreative', 0),
    note(`shape:n${g}b`, frameId, `Idee ${g + 1}b, mit Komma`, 'unternehmen', 1),
  ])
  writer.doc.transact(() => writeBoardRecords(writer.doc, { set: [...FRAMES.map((id, i) => frame(id, `Cluster ${i + 1}`, i)), ...notes, note('shape:loose', 'page:page', 'Lose Idee', 'institution', 9)] }))
  const watcher = await connectSynced(server.wsUrl, board.id, f.facilitator.token)
  await until(() => readBoardRecords(watcher.doc).has('shape:loose'), 'the notes stored')
  watcher.destroy()
})

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server.stop()
})

describe('group boards', () => {
  it('creating 4 groups from 4 frames gives 4 boards holding copies of exactly those notes, with mixed groups', async () => {
    const people = []
    for (const [name, side] of [['Anna', 'kreative'], ['Bernd', 'unternehmen'], ['Clara', 'kreative'], ['Dirk', 'unternehmen'], ['Eva', 'kreative'], ['Fritz', 'unternehmen'], ['Gerd', 'kreative'], ['Hanna', 'unternehmen']] as const) {
      const person = await joinAs(server.httpUrl, f, name, side)
      closers.push(() => person.client.close())
      people.push(person)
    }
    const screen = people[0]!.client
    const heardBefore = screen.received.length
    const result = await facilitator.send('breakout:create', {
      sourceBoardId: board.id,
      groups: FRAMES.map((id, i) => ({ title: `Gruppe ${i + 1}`, shapeIds: [id] })),
      assignment: 'mixed',
    })
    expect(result).toEqual({ ok: true })
    // The projector and lobbies list the event's boards: they hear that there are new ones.
    await until(() => screen.received.slice(heardBefore).some(({ event }) => event === 'event:changed'), 'screens to hear of the group boards')
    const breakouts = facilitator.state()?.breakouts
    expect(breakouts?.groups).toHaveLength(4)
    const directory = facilitator.state()?.directory ?? {}
    for (const [g, group] of (breakouts?.groups ?? []).entries()) {
      const sides = group.members.map((id) => directory[id]?.side)
      expect(sides).toContain('kreative')
      expect(sides).toContain('unternehmen')
      const client = await connectSynced(server.wsUrl, group.boardId, f.facilitator.token)
      closers.push(() => client.destroy())
      await until(() => readBoardRecords(client.doc).size > 0, `group board ${g + 1}`)
      const copied = Array.from(readBoardRecords(client.doc).values()).filter((r) => (r as { type?: string }).type === 'note') as Array<{ id: string; parentId: string; props: { richText: unknown } }>
      expect(copied.map((n) => JSON.stringify(n.props.richText)).sort()).toEqual(
        [`Idee ${g + 1}a: Holz, „Klang“, Ümlaut`, `Idee ${g + 1}b, mit Komma`].map((t) => JSON.stringify(toRichText(t))).sort(),
      )
      expect(copied.map((n) => n.parentId)).toEqual(['shape:frame-ideen', 'shape:frame-ideen'])
      expect(copied.map((n) => n.id)).not.toContain(`shape:n${g}a`)
    }
    const participant = people[0]
    await until(() => participant?.client.state()?.breakouts?.groups.some((g) => g.members.includes(participant.id)) === true, 'anna sees her group')
    expect(await facilitator.send('breakout:end', {})).toEqual({ ok: true })
    await until(() => participant?.client.state()?.breakouts === null, 'back to the main board')
  })

  it('participants cannot create group boards', async () => {
    const anna = await joinAs(server.httpUrl, f, 'Anna', 'kreative')
    closers.push(() => anna.client.close())
    expect(await anna.client.send('breakout:create', { sourceBoardId: board.id, groups: [{ title: 'x', shapeIds: [] }], assignment: 'mixed' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })
})

describe('results report', () => {
  it('gives notes by frame with revealed votes and author side, as Markdown and CSV', async () => {
    const anna = await joinAs(server.httpUrl, f, 'Anna', 'kreative')
    closers.push(() => anna.client.close())
    await facilitator.send('vote:open', { boardId: board.id, dotsPerPerson: 3 })
    await anna.client.send('vote:place', { shapeId: 'shape:n2b' })
    await anna.client.send('vote:place', { shapeId: 'shape:n2b' })
    await anna.client.send('vote:place', { shapeId: 'shape:n0a' })
    await facilitator.send('vote:reveal', {})

    const md = await fetch(`${server.httpUrl}/api/events/${f.event.id}/report?format=md`, { headers: { authorization: `Bearer ${f.facilitator.token}` } })
    expect(md.headers.get('content-type')).toContain('text/markdown')
    const text = await md.text()
    expect(text).toContain('Cluster 3')
    expect(text).toContain('Idee 3b, mit Komma')
    expect(text.indexOf('Idee 3b')).toBeLessThan(text.indexOf('Idee 3a'))

    const csv = await fetch(`${server.httpUrl}/api/events/${f.event.id}/report?format=csv`, { headers: { authorization: `Bearer ${f.facilitator.token}` } })
    const rows = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(rows[0]).toBe('Board;Rahmen;Notiz;Seite;Punkte')
    expect(rows).toContain('Freie Ideenschmiede;Cluster 3;Idee 3b, mit Komma;Unternehmen;2')
    expect(rows).toContain('Freie Ideenschmiede;Cluster 1;Idee 1a: Holz, „Klang“, Ümlaut;Kreative;1')

    const denied = await fetch(`${server.httpUrl}/api/events/${f.event.id}/report?format=md`, { headers: { authorization: `Bearer ${f.participant.token}` } })
    expect(denied.status).toBe(403)
    const bad = await fetch(`${server.httpUrl}/api/events/${f.event.id}/report?format=pdf`, { headers: { authorization: `Bearer ${f.facilitator.token}` } })
    expect(bad.status).toBe(400)
  })
})
