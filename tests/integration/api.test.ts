import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Board, CreatedLink, EventDetails, EventInfo, JoinResult, LinkInfo } from '../../shared/api.ts'
import { CROSS_INNOVATION_AGENDA } from '../../shared/agenda.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

let server: TestServer
let a: EventFixture
let b: EventFixture

beforeAll(async () => {
  server = await startTestServer()
  a = await createEventFixture(server.httpUrl, server.adminToken, 'Auftakt Bautzen')
  b = await createEventFixture(server.httpUrl, server.adminToken, 'Fachveranstaltung Dresden')
})

afterAll(async () => {
  await server.stop()
})

function expectError(res: { status: number; body: unknown }, status: number, code: string): void {
  expect(res.status).toBe(status)
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } })
}

type Route = { method: string; path: (f: EventFixture) => string; body?: unknown; allowed: Array<'admin' | 'facilitator' | 'participant' | 'viewer'> }

const ROUTES: Route[] = [
  { method: 'GET', path: (f) => `/api/events/${f.event.id}`, allowed: ['admin', 'facilitator', 'participant', 'viewer'] },
  { method: 'PATCH', path: (f) => `/api/events/${f.event.id}`, body: { place: 'Görlitz' }, allowed: ['admin', 'facilitator'] },
  { method: 'POST', path: (f) => `/api/events/${f.event.id}/boards`, body: { title: 'Workshop' }, allowed: ['admin', 'facilitator'] },
  { method: 'PATCH', path: (f) => `/api/boards/${f.board.id}`, body: { title: 'Umbenannt' }, allowed: ['admin', 'facilitator'] },
  { method: 'GET', path: (f) => `/api/events/${f.event.id}/links`, allowed: ['admin', 'facilitator'] },
  { method: 'POST', path: (f) => `/api/events/${f.event.id}/links`, body: { role: 'viewer' }, allowed: ['admin', 'facilitator'] },
]

function tokenOf(f: EventFixture, role: 'admin' | 'facilitator' | 'participant' | 'viewer'): string {
  return role === 'admin' ? server.adminToken : f[role].token
}

describe('HTTP API access', () => {
  it('GET /healthz needs no token', async () => {
    expect(await api(server.httpUrl, 'GET', '/healthz')).toEqual({ status: 200, body: { ok: true } })
  })

  for (const route of ROUTES) {
    describe(`${route.method} ${route.path({ event: { id: ':eventId' }, board: { id: ':boardId' } } as EventFixture)}`, () => {
      it('refuses a request without a token, or with an unknown one, with 401', async () => {
        expectError(await api(server.httpUrl, route.method, route.path(a), undefined, route.body), 401, 'unauthorized')
        expectError(await api(server.httpUrl, route.method, route.path(a), 'not-a-token', route.body), 401, 'unauthorized')
      })

      it("refuses another event's facilitator with 403", async () => {
        expectError(await api(server.httpUrl, route.method, route.path(a), b.facilitator.token, route.body), 403, 'forbidden')
      })

      for (const role of ['admin', 'facilitator', 'participant', 'viewer'] as const) {
        const allowed = route.allowed.includes(role)
        it(`${allowed ? 'serves' : 'refuses'} the ${role}`, async () => {
          const res = await api(server.httpUrl, route.method, route.path(a), tokenOf(a, role), route.body)
          if (allowed) expect(res.status).toBeLessThan(300)
          else expectError(res, 403, 'forbidden')
        })
      }
    })
  }

  it('only the admin lists and creates events', async () => {
    expectError(await api(server.httpUrl, 'GET', '/api/events', a.facilitator.token), 403, 'forbidden')
    expectError(await api(server.httpUrl, 'POST', '/api/events', a.facilitator.token, { title: 'x' }), 403, 'forbidden')
    const list = await api<EventInfo[]>(server.httpUrl, 'GET', '/api/events', server.adminToken)
    expect(list.body.map((e) => e.title)).toEqual(expect.arrayContaining(['Auftakt Bautzen', 'Fachveranstaltung Dresden']))
  })

  it('a new event starts from the CrossInnovation agenda', async () => {
    const details = await api<EventDetails>(server.httpUrl, 'GET', `/api/events/${a.event.id}`, a.participant.token)
    expect(details.body.agenda).toEqual(CROSS_INNOVATION_AGENDA)
    expect(details.body.role).toBe('participant')
    expect(details.body.boards.map((board) => board.id)).toContain(a.board.id)
  })
})

describe('HTTP API bad input', () => {
  it.each([
    ['POST', '/api/events', { title: '' }],
    ['POST', '/api/events', { title: 'x', mode: 'mars' }],
    ['POST', '/api/events', { title: 'x', date: '8.11.2024' }],
    ['POST', '/api/events', '{not json'],
  ])('%s %s with %j gets 400 and the JSON error shape', async (method, path, body) => {
    expectError(await api(server.httpUrl, method, path, server.adminToken, body), 400, 'bad_request')
  })

  it('a bad board body, link role or id gets 400', async () => {
    expectError(await api(server.httpUrl, 'POST', `/api/events/${a.event.id}/boards`, a.facilitator.token, { title: 42 }), 400, 'bad_request')
    expectError(await api(server.httpUrl, 'POST', `/api/events/${a.event.id}/links`, a.facilitator.token, { role: 'admin' }), 400, 'bad_request')
    expectError(await api(server.httpUrl, 'GET', '/api/events/..%2F..', server.adminToken), 400, 'bad_request')
    expectError(await api(server.httpUrl, 'PATCH', `/api/events/${a.event.id}`, a.facilitator.token, { agenda: [{ title: '' }] }), 400, 'bad_request')
  })

  it('unknown events, boards, links and routes get 404', async () => {
    expectError(await api(server.httpUrl, 'GET', '/api/events/nosuchevent', server.adminToken), 404, 'not_found')
    expectError(await api(server.httpUrl, 'PATCH', '/api/boards/nosuchboard', server.adminToken, { title: 'x' }), 404, 'not_found')
    expectError(await api(server.httpUrl, 'DELETE', `/api/events/${a.event.id}/links/nosuchlink`, a.facilitator.token), 404, 'not_found')
    expectError(await api(server.httpUrl, 'GET', '/api/nothing-here', server.adminToken), 404, 'not_found')
  })

  it('an oversized body gets 413', async () => {
    expectError(await api(server.httpUrl, 'POST', '/api/events', server.adminToken, { title: 'x'.repeat(2 * 1024 * 1024) }), 413, 'payload_too_large')
  })
})

describe('links and join codes', () => {
  it('a participant link has a 6-character code without ambiguous letters; other links have none', async () => {
    expect(a.participant.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/)
    expect(a.facilitator.code).toBeNull()
    expect(a.viewer.url).toContain(`/projector/${a.event.id}?token=`)
    expect(a.participant.url).toContain(`/e/${a.event.id}?token=`)
  })

  it('the link list shows roles and codes but never tokens', async () => {
    const list = await api<LinkInfo[]>(server.httpUrl, 'GET', `/api/events/${a.event.id}/links`, a.facilitator.token)
    expect(list.body.map((l) => l.role)).toEqual(expect.arrayContaining(['facilitator', 'participant', 'viewer']))
    expect(JSON.stringify(list.body)).not.toContain(a.participant.token)
  })

  it('a correct code, typed loosely, leads to the event with a token of its own', async () => {
    const typed = `${a.participant.code?.slice(0, 3).toLowerCase()} ${a.participant.code?.slice(3)}`
    const joined = await api<JoinResult>(server.httpUrl, 'POST', '/api/join', undefined, { code: typed })
    expect(joined.status).toBe(201)
    expect(joined.body.eventId).toBe(a.event.id)
    expect(joined.body.token).not.toBe(a.participant.token)
    const details = await api<EventDetails>(server.httpUrl, 'GET', `/api/events/${a.event.id}`, joined.body.token)
    expect(details.body.role).toBe('participant')
  })

  it('revoking a participant link ends its token, its code and every device that joined with it', async () => {
    const link = await api<CreatedLink>(server.httpUrl, 'POST', `/api/events/${a.event.id}/links`, a.facilitator.token, { role: 'participant' })
    const device = await api<JoinResult>(server.httpUrl, 'POST', '/api/join', undefined, { code: link.body.code })
    expect((await api(server.httpUrl, 'DELETE', `/api/events/${a.event.id}/links/${link.body.id}`, a.facilitator.token)).status).toBe(204)
    expectError(await api(server.httpUrl, 'GET', `/api/events/${a.event.id}`, link.body.token), 401, 'unauthorized')
    expectError(await api(server.httpUrl, 'GET', `/api/events/${a.event.id}`, device.body.token), 401, 'unauthorized')
    expectError(await api(server.httpUrl, 'POST', '/api/join', undefined, { code: link.body.code }), 404, 'not_found')
  })

  it('a facilitator cannot revoke a link of another event', async () => {
    expectError(await api(server.httpUrl, 'DELETE', `/api/events/${b.event.id}/links/${b.participant.id}`, a.facilitator.token), 403, 'forbidden')
    expectError(await api(server.httpUrl, 'DELETE', `/api/events/${a.event.id}/links/${b.participant.id}`, a.facilitator.token), 404, 'not_found')
  })

  it('renaming and archiving a board shows in the event', async () => {
    const res = await api<Board>(server.httpUrl, 'PATCH', `/api/boards/${b.board.id}`, b.facilitator.token, { title: 'Ideenwand', archived: true })
    expect(res.body).toMatchObject({ title: 'Ideenwand', archived: true })
  })
})

describe('join code rate limit', () => {
  it('20 wrong codes in a row from one IP are refused, and then even a right one waits', async () => {
    const fresh = await startTestServer()
    try {
      const event = await createEventFixture(fresh.httpUrl, fresh.adminToken)
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) {
        statuses.push((await api(fresh.httpUrl, 'POST', '/api/join', undefined, { code: 'ZZZZZZ' })).status)
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404))
      expect(statuses.slice(10)).toEqual(Array(10).fill(429))
      const right = await api(fresh.httpUrl, 'POST', '/api/join', undefined, { code: event.participant.code })
      expectError(right, 429, 'too_many_requests')
    } finally {
      await fresh.stop()
    }
  })
})
