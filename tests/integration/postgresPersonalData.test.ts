import { afterEach, expect, it } from 'vitest'
import { api } from '../support/api.ts'
import { describeWithPostgres, makeTestSchema } from '../support/postgres.ts'
import { findInSchema } from '../support/postgresScan.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'
import { useEverything } from '../support/usedEvent.ts'

let server: TestServer
const closers: Array<() => void> = []

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server.stop()
})

describeWithPostgres('personal data on PostgreSQL', () => {
  it('deleting an event leaves nothing of it in any table, its photo included, and keeps the other event', async () => {
    const { schema, url } = await makeTestSchema()
    server = await startTestServer({ databaseUrl: url })
    const gone = await useEverything(server, closers, 'Auftakt Lausitz', 'Zwiebelturm7731')
    const kept = await useEverything(server, closers, 'Fachveranstaltung Görlitz', 'Kirschbaum4417')
    const needles = [gone.f.event.id, gone.f.board.id, gone.pairBoardId, gone.marker]
    expect(await findInSchema(schema, needles)).toEqual(expect.arrayContaining([expect.stringMatching(/^table board_assets: /)]))

    const deleted = await api(server.httpUrl, 'DELETE', `/api/events/${gone.f.event.id}`, gone.f.facilitator.token, { confirmTitle: 'Auftakt Lausitz' })
    expect(deleted.status).toBe(204)
    await until(() => gone.writer.provider.wsconnected === false, 'the board connection cut off')
    expect(await findInSchema(schema, needles)).toEqual([])

    for (const close of closers.splice(0)) close()
    await server.stop()
    expect(await findInSchema(schema, needles)).toEqual([])
    expect(await findInSchema(schema, [kept.marker])).not.toEqual([])
    server = await startTestServer({ databaseUrl: url })
    const report = await fetch(`${server.httpUrl}/api/events/${kept.f.event.id}/report?format=md`, { headers: { Authorization: `Bearer ${kept.f.facilitator.token}` } })
    expect(await report.text()).toContain(`Idee ${kept.marker}`)
  })

  it('a participant who deletes their data leaves no name, contact or id in any table; the others stay', async () => {
    const { schema, url } = await makeTestSchema()
    server = await startTestServer({ databaseUrl: url })
    const used = await useEverything(server, closers, 'Auftakt Lausitz', 'Seeufer5521')
    const anna = [`Anna ${used.marker}`, `anna.${used.marker}@example.org`, used.anna.id]
    expect(await findInSchema(schema, anna)).not.toEqual([])

    expect((await api(server.httpUrl, 'DELETE', `/api/events/${used.f.event.id}/my-data`, used.anna.token)).status).toBe(204)
    expect(await findInSchema(schema, anna)).toEqual([])
    expect(await findInSchema(schema, [`Bernd ${used.marker}`])).not.toEqual([])
  })
})
