import { expect } from 'vitest'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import { makePng } from '../e2e/support/makePng.ts'
import { api, createEventFixture, type EventFixture } from './api.ts'
import { connectSynced, type BoardClient } from './boardClient.ts'
import { noteRecord } from './noteRecord.ts'
import { joinAs, type Participant } from './participants.ts'
import { connectSession, type SessionClient } from './sessionClient.ts'
import type { TestServer } from './testServer.ts'
import { until } from './until.ts'

export interface UsedEvent {
  f: EventFixture
  facilitator: SessionClient
  anna: Participant
  bernd: Participant
  pairBoardId: string
  writer: BoardClient
  marker: string
}

/** An event that used every feature that stores something: notes, a photo, versions, profiles, a mutual match, a vote, a report. */
export async function useEverything(server: TestServer, closers: Array<() => void>, title: string, marker: string): Promise<UsedEvent> {
  const f = await createEventFixture(server.httpUrl, server.adminToken, title)
  const facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
  const anna = await joinAs(server.httpUrl, f, `Anna ${marker}`, 'kreative', { contact: `anna.${marker}@example.org`, offer: 'Klangdesign' })
  const bernd = await joinAs(server.httpUrl, f, `Bernd ${marker}`, 'unternehmen', { contact: `bernd.${marker}@example.org` })
  closers.push(() => facilitator.close(), () => anna.client.close(), () => bernd.client.close())

  const writer = await connectSynced(server.wsUrl, f.board.id, anna.token)
  closers.push(() => writer.destroy())
  writeBoardRecords(writer.doc, { set: [noteRecord('shape:idee', 'page:page', `Idee ${marker}`, { authorId: anna.id, authorSide: 'kreative' }, 0)] })
  const watcher = await connectSynced(server.wsUrl, f.board.id, f.facilitator.token)
  await until(() => readBoardRecords(watcher.doc).has('shape:idee'), 'the note stored')
  watcher.destroy()
  const photo = await fetch(`${server.httpUrl}/api/boards/${f.board.id}/assets`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${anna.token}` },
    body: new Blob([new Uint8Array(makePng(8, 8))]),
  })
  expect(photo.status).toBe(201)
  expect((await api(server.httpUrl, 'POST', `/api/boards/${f.board.id}/versions`, f.facilitator.token, { name: 'Nach der Pause' })).status).toBe(201)

  expect(await facilitator.send('vote:open', { boardId: f.board.id, dotsPerPerson: 2 })).toEqual({ ok: true })
  expect(await anna.client.send('vote:place', { shapeId: 'shape:idee' })).toEqual({ ok: true })
  expect(await bernd.client.send('vote:place', { shapeId: 'shape:idee' })).toEqual({ ok: true })
  expect(await facilitator.send('vote:reveal', {})).toEqual({ ok: true })

  expect(await facilitator.send('speed:next', { afterRound: 0 })).toEqual({ ok: true })
  await until(() => anna.client.state()?.speedDating?.rounds.length === 1, 'round 1')
  const pairBoardId = anna.client.state()?.speedDating?.rounds[0]?.groups[0]?.boardId ?? ''
  expect(await anna.client.send('match:mark', { otherId: bernd.id, want: true, shareContact: true })).toEqual({ ok: true })
  expect(await bernd.client.send('match:mark', { otherId: anna.id, want: true, shareContact: true })).toEqual({ ok: true })
  await until(() => bernd.client.matches()?.matches[0]?.contact === `anna.${marker}@example.org`, 'the match at Bernd')

  const report = await fetch(`${server.httpUrl}/api/events/${f.event.id}/report?format=md`, { headers: { Authorization: `Bearer ${f.facilitator.token}` } })
  expect(await report.text()).toContain(`Anna ${marker}`)
  return { f, facilitator, anna, bernd, pairBoardId, writer, marker }
}
