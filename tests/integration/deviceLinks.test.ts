import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceLink, JoinResult } from '../../shared/api.ts'
import { AccessControl } from '../../server/auth/AccessControl.ts'
import { createLogger } from '../../server/logger.ts'
import { openSqliteStorage, type Storage } from '../../server/storage/Storage.ts'
import { api, createEventFixture } from '../support/api.ts'
import { connectSession } from '../support/sessionClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { makeTempDir } from '../support/tempDirs.ts'
import { until } from '../support/until.ts'

let server: TestServer | null = null
let storage: Storage | null = null

afterEach(async () => {
  await server?.stop()
  await storage?.close()
  server = null
  storage = null
})

describe('phones that join by code', () => {
  it('an event takes as many phones as configured; the facilitator sees them and ending one makes room', async () => {
    server = await startTestServer({ maxDevicesPerEvent: 2 })
    const f = await createEventFixture(server.httpUrl, server.adminToken)
    const join = () => api<JoinResult>(server?.httpUrl ?? '', 'POST', '/api/join', undefined, { code: f.participant.code })
    const first = await join()
    expect((await join()).status).toBe(201)
    const refused = await join()
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ error: { code: 'conflict' } })

    const phone = await connectSession(server.httpUrl, first.body.token, f.event.id)
    await phone.send('profile:save', { card: { name: 'Anna', side: 'kreative' } })
    const devices = await api<DeviceLink[]>(server.httpUrl, 'GET', `/api/events/${f.event.id}/devices`, f.facilitator.token)
    expect(devices.body.map((device) => device.name)).toEqual(['Anna', null])
    expect((await api(server.httpUrl, 'GET', `/api/events/${f.event.id}/devices`, first.body.token)).status).toBe(403)

    const annas = devices.body[0]?.id ?? ''
    expect((await api(server.httpUrl, 'DELETE', `/api/events/${f.event.id}/links/${annas}`, f.facilitator.token)).status).toBe(204)
    await until(() => !phone.socket.connected, 'the ended phone is disconnected')
    expect((await api(server.httpUrl, 'GET', `/api/events/${f.event.id}`, first.body.token)).status).toBe(401)
    expect((await join()).status).toBe(201)
  })

  it('a phone idle for longer than the idle period loses its access, and makes room for a new one', async () => {
    let now = Date.parse('2024-11-08T09:00:00Z')
    storage = openSqliteStorage(makeTempDir('devices'), createLogger('silent'))
    const access = new AccessControl(storage.events, 'admin-token-of-sixteen', { maxDevicesPerEvent: 1, deviceIdleMs: 24 * 60 * 60 * 1000, now: () => now })
    const event = await storage.events.createEvent({ title: 'Auftakt', date: null, place: null, mode: 'vor-ort', agenda: [], callUrl: null })
    const { link } = await access.issueLink(event.id, 'participant', null)
    const phone = await access.joinByCode(link.code ?? '')
    if (typeof phone === 'string') throw new Error(`joining failed: ${phone}`)
    expect(await access.joinByCode(link.code ?? '')).toBe('event_full')

    now += 23 * 60 * 60 * 1000
    expect(await access.authenticate(phone.token)).toMatchObject({ role: 'participant', personId: phone.link.id })
    now += 23 * 60 * 60 * 1000
    expect(await access.authenticate(phone.token)).not.toBeNull()
    now += 25 * 60 * 60 * 1000
    expect(await access.authenticate(phone.token)).toBeNull()
    expect(typeof (await access.joinByCode(link.code ?? ''))).toBe('object')
  })
})
