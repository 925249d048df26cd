import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventDetails, EventInfo } from '../../shared/api.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

let server: TestServer
let f: EventFixture

beforeEach(async () => {
  server = await startTestServer()
  f = await createEventFixture(server.httpUrl, server.adminToken)
})

afterEach(async () => {
  await server.stop()
})

describe('an online event’s video call', () => {
  it('the facilitator sets an https call link; participants and the projector read it with the event', async () => {
    const set = await api<EventInfo>(server.httpUrl, 'PATCH', `/api/events/${f.event.id}`, f.facilitator.token, { callUrl: 'https://meet.jit.si/auftakt-lausitz' })
    expect(set.status).toBe(200)
    for (const token of [f.participant.token, f.viewer.token]) {
      const details = await api<EventDetails>(server.httpUrl, 'GET', `/api/events/${f.event.id}`, token)
      expect(details.body).toMatchObject({ callUrl: 'https://meet.jit.si/auftakt-lausitz', joinCode: f.participant.code })
    }
    expect((await api<EventInfo>(server.httpUrl, 'PATCH', `/api/events/${f.event.id}`, f.facilitator.token, { callUrl: null })).body.callUrl).toBeNull()
  })

  it('a call link that is not https, or not a link, is refused and changes nothing', async () => {
    await api(server.httpUrl, 'PATCH', `/api/events/${f.event.id}`, f.facilitator.token, { callUrl: 'https://meet.jit.si/a' })
    for (const callUrl of ['http://meet.jit.si/a', 'javascript:alert(1)', 'kein Link']) {
      const refused = await api(server.httpUrl, 'PATCH', `/api/events/${f.event.id}`, f.facilitator.token, { callUrl })
      expect(refused.status, callUrl).toBe(400)
    }
    expect((await api<EventDetails>(server.httpUrl, 'GET', `/api/events/${f.event.id}`, f.facilitator.token)).body.callUrl).toBe('https://meet.jit.si/a')
    expect((await api(server.httpUrl, 'PATCH', `/api/events/${f.event.id}`, f.participant.token, { callUrl: 'https://meet.jit.si/b' })).status).toBe(403)
  })
})
