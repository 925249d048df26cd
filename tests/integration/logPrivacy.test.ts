import { afterEach, expect, it } from 'vitest'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import { api, createEventFixture } from '../support/api.ts'
import { connectBoard, connectSynced } from '../support/boardClient.ts'
import { noteRecord } from '../support/noteRecord.ts'
import { joinAs } from '../support/participants.ts'
import { connectSession, refusedHandshake } from '../support/sessionClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
const closers: Array<() => void> = []

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server.stop()
})

it('the log of a whole day, mishaps included, holds no participant name, no e-mail address and no token', async () => {
  const lines: string[] = []
  server = await startTestServer({}, { logTo: { write: (line: string) => void lines.push(line) } })
  const f = await createEventFixture(server.httpUrl, server.adminToken, 'Auftakt Lausitz')
  const facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
  const anna = await joinAs(server.httpUrl, f, 'Annegret Quast', 'kreative', { contact: 'annegret.quast@example.org' })
  const bernd = await joinAs(server.httpUrl, f, 'Bertold Wenck', 'unternehmen', { contact: 'bertold@wenck.example' })
  closers.push(() => facilitator.close(), () => anna.client.close(), () => bernd.client.close())

  const writer = await connectSynced(server.wsUrl, f.board.id, anna.token)
  closers.push(() => writer.destroy())
  writeBoardRecords(writer.doc, { set: [noteRecord('shape:idee', 'page:page', 'Holz trifft Klang', { authorId: anna.id, authorSide: 'kreative' }, 0)] })
  await facilitator.send('speed:next', { afterRound: 0 })
  await until(() => anna.client.state()?.speedDating?.rounds.length === 1, 'round 1')
  await anna.client.send('match:mark', { otherId: bernd.id, want: true, shareContact: true })
  await bernd.client.send('match:mark', { otherId: anna.id, want: true, shareContact: true })
  await anna.client.send('match:mark', { otherId: 'niemand', want: true })
  await anna.client.send('profile:save', { card: { name: '', side: 'kreative' } as never })
  const report = await fetch(`${server.httpUrl}/api/events/${f.event.id}/report?format=md`, { headers: { Authorization: `Bearer ${f.facilitator.token}` } })
  expect(await report.text()).toContain('Holz trifft Klang')
  await api(server.httpUrl, 'GET', `/api/events/${f.event.id}/my-data`, anna.token)
  await api(server.httpUrl, 'POST', '/api/join', undefined, { code: 'FALSCH' })
  await api(server.httpUrl, 'GET', `/api/events/${f.event.id}?token=${anna.token}`, 'kein-gueltiges-token')
  await api(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, '{"title": "Annegret Quast')
  await refusedHandshake(server.httpUrl, { token: anna.token, eventId: 'anderes-event' })
  const stranger = connectBoard(server.wsUrl, f.board.id, `${anna.token}x`)
  closers.push(() => stranger.destroy())
  await api(server.httpUrl, 'DELETE', `/api/events/${f.event.id}/my-data`, anna.token)
  await api(server.httpUrl, 'DELETE', `/api/events/${f.event.id}`, f.facilitator.token, { confirmTitle: 'Auftakt Lausitz' })
  await until(() => !facilitator.socket.connected, 'the facilitator cut off')

  const log = lines.join('')
  expect(lines.length).toBeGreaterThan(0)
  for (const secret of ['Annegret', 'Quast', 'Bertold', 'Wenck', '@', anna.token, bernd.token, f.facilitator.token, f.participant.token, f.viewer.token, server.adminToken]) {
    expect(log, `the log mentions ${secret}`).not.toContain(secret)
  }
})
