import { afterEach, expect, it } from 'vitest'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { joinAs } from '../support/participants.ts'
import { SHARED_REDIS_URL, describeWithRedis, startPrivateRedis, uniqueKeyPrefix, type PrivateRedis } from '../support/redis.ts'
import { startScaleOutPair, type ScaleOutPair } from '../support/scaleOutServers.ts'
import { connectSession, type SessionClient } from '../support/sessionClient.ts'
import { until } from '../support/until.ts'

const cleanups: Array<() => unknown> = []

afterEach(async () => {
  // Clients first, then servers, then a private Redis: the reverse of how they were started.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function pair(redisUrl = SHARED_REDIS_URL): Promise<{ pair: ScaleOutPair; f: EventFixture }> {
  const started = await startScaleOutPair({ redisUrl, redisKeyPrefix: uniqueKeyPrefix() })
  cleanups.push(() => started.stop())
  const f = await createEventFixture(started.processes[0].httpUrl, started.adminToken)
  return { pair: started, f }
}

async function board(wsUrl: string, boardId: string, token: string): Promise<BoardClient> {
  const client = await connectSynced(wsUrl, boardId, token)
  cleanups.push(() => client.destroy())
  return client
}

async function session(httpUrl: string, token: string, eventId: string): Promise<SessionClient> {
  const client = await connectSession(httpUrl, token, eventId)
  cleanups.push(() => client.close())
  return client
}

function presenceNames(client: BoardClient): string[] {
  return Array.from(client.provider.awareness.getStates().values()).flatMap((state) => {
    const name: unknown = (state as { user?: { name?: unknown } }).user?.name
    return typeof name === 'string' ? [name] : []
  })
}

describeWithRedis('two server processes sharing one storage and one Redis', () => {
  it('edits and presence on one board converge across processes, and a late joiner on either process gets everything', async () => {
    const { pair: { processes: [one, two] }, f } = await pair()
    const token = f.facilitator.token
    const anna = await board(one.wsUrl, f.board.id, token)
    const bernd = await board(two.wsUrl, f.board.id, token)

    anna.records.set('note:anna', 'von Anna')
    bernd.records.set('note:bernd', 'von Bernd')
    await until(() => bernd.records.get('note:anna') === 'von Anna', 'Anna’s note on process 2')
    await until(() => anna.records.get('note:bernd') === 'von Bernd', 'Bernd’s note on process 1')

    anna.provider.awareness.setLocalStateField('user', { name: 'Anna' })
    bernd.provider.awareness.setLocalStateField('user', { name: 'Bernd' })
    await until(() => presenceNames(bernd).includes('Anna'), 'Anna’s presence on process 2')
    await until(() => presenceNames(anna).includes('Bernd'), 'Bernd’s presence on process 1')

    for (const { wsUrl } of [one, two]) {
      const late = await board(wsUrl, f.board.id, token)
      expect(late.records.get('note:anna')).toBe('von Anna')
      expect(late.records.get('note:bernd')).toBe('von Bernd')
      await until(() => presenceNames(late).includes('Anna') && presenceNames(late).includes('Bernd'), 'everyone’s presence at the late joiner')
    }

    // Anna leaves: her cursor disappears on the other process too.
    anna.destroy()
    await until(() => !presenceNames(bernd).includes('Anna'), 'Anna’s presence gone on process 2')
    expect(one.server.metrics.render()).toContain('ideenschmiede_storage_append_seconds_count')
    expect(two.server.metrics.observations('relay_lag_seconds')).toBeGreaterThan(0)
  })

  it('a board closed on every process holds nothing, and reopening it on the other process shows what was stored', async () => {
    const { pair: { processes: [one, two] }, f } = await pair()
    const first = await board(one.wsUrl, f.board.id, f.facilitator.token)
    first.records.set('note:1', 'eins')
    await until(() => first.provider.synced && one.server.registry.openRoomCount === 1, 'the room on process 1')
    first.destroy()
    await until(() => one.server.registry.openRoomCount === 0, 'the room on process 1 to close')
    const second = await board(two.wsUrl, f.board.id, f.facilitator.token)
    expect(second.records.get('note:1')).toBe('eins')
  })

  it('a timer started through process 1 shows the same end on process 2, for clients connected before and after', async () => {
    const { pair: { processes: [one, two] }, f } = await pair()
    const facilitator = await session(one.httpUrl, f.facilitator.token, f.event.id)
    const watcher = await session(two.httpUrl, f.viewer.token, f.event.id)
    expect(await facilitator.send('timer:start', { durationMs: 120_000 })).toEqual({ ok: true })
    await until(() => facilitator.state()?.timer.status === 'running', 'the timer on process 1')
    const started = facilitator.state()?.timer
    const endsAt = started?.status === 'running' ? started.endsAt : -1
    await until(() => {
      const timer = watcher.state()?.timer
      return timer?.status === 'running' && timer.endsAt === endsAt
    }, 'the same timer on process 2')
    const late = await session(two.httpUrl, f.viewer.token, f.event.id)
    const lateTimer = late.state()?.timer
    expect(lateTimer?.status === 'running' && lateTimer.endsAt).toBe(endsAt)
  })

  it('"next round" sent to both processes at once starts exactly one speed-dating round', async () => {
    const { pair: { processes: [one, two] }, f } = await pair()
    const first = await session(one.httpUrl, f.facilitator.token, f.event.id)
    const second = await session(two.httpUrl, f.facilitator.token, f.event.id)
    const people = [
      await joinAs(one.httpUrl, f, 'Anna', 'kreative'),
      await joinAs(two.httpUrl, f, 'Bernd', 'unternehmen'),
      await joinAs(one.httpUrl, f, 'Clara', 'kreative'),
      await joinAs(two.httpUrl, f, 'Dirk', 'unternehmen'),
    ]
    for (const person of people) cleanups.push(() => person.client.close())
    await until(() => Object.keys(second.state()?.directory ?? {}).length === 4, 'four profile cards on process 2')
    await until(() => Object.keys(first.state()?.directory ?? {}).length === 4, 'four profile cards on process 1')

    const results = await Promise.all([first.send('speed:next', { afterRound: 0 }), second.send('speed:next', { afterRound: 0 })])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'stale' } })
    for (const client of [first, second, ...people.map((person) => person.client)]) {
      await until(() => client.state()?.speedDating?.rounds.length === 1, 'round 1 everywhere')
    }
    // People on both processes are seated: the round was planned from every process's connections.
    const seated = first.state()?.speedDating?.rounds[0]?.groups.flatMap((group) => group.members) ?? []
    expect(seated.sort()).toEqual(people.map((person) => person.id).sort())
    const event = await api<{ boards: Array<{ title: string }> }>(two.httpUrl, 'GET', `/api/events/${f.event.id}`, f.facilitator.token)
    expect(event.body.boards.filter((b) => b.title.startsWith('Speeddating'))).toHaveLength(2)
  })

  it('deleting the event on one process cuts off its board’s clients on the other, and nothing they sent stays stored', async () => {
    const { pair: { processes: [one, two], storage }, f } = await pair()
    const bernd = await board(two.wsUrl, f.board.id, f.facilitator.token)
    const closes: number[] = []
    bernd.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    bernd.records.set('note', 'persönlich')
    await until(() => two.server.metrics.read('board_updates_stored_total') > 0, 'Bernd’s note stored')

    const deleted = await api(one.httpUrl, 'DELETE', `/api/events/${f.event.id}`, f.facilitator.token, { confirmTitle: f.event.title })
    expect(deleted.status).toBe(204)
    await until(() => closes.includes(4404), 'Bernd’s connection closed as deleted')
    await until(() => two.server.registry.openRoomCount === 0, 'the room on process 2 to go')
    const stored = await storage.boards.loadBoard(f.board.id)
    expect(stored.snapshot).toBeNull()
    expect(stored.updates).toEqual([])
  })

  it('revoking a link on one process cuts off its board and workshop connections on the other', async () => {
    const { pair: { processes: [one, two] }, f } = await pair()
    const participant = await board(two.wsUrl, f.board.id, f.participant.token)
    const closes: number[] = []
    participant.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    const participantSession = await session(two.httpUrl, f.participant.token, f.event.id)
    expect(participantSession.socket.connected).toBe(true)

    const revoked = await api(one.httpUrl, 'DELETE', `/api/events/${f.event.id}/links/${f.participant.id}`, f.facilitator.token)
    expect(revoked.status).toBe(204)
    await until(() => closes.includes(4401), 'the board connection on process 2 closed as unauthorized')
    await until(() => !participantSession.socket.connected, 'the workshop connection on process 2 cut off')
  })

  it('/readyz says ready while storage and Redis answer; /healthz says alive', async () => {
    const { pair: { processes: [one] } } = await pair()
    expect(await api(one.httpUrl, 'GET', '/healthz')).toEqual({ status: 200, body: { ok: true } })
    const ready = await api(one.httpUrl, 'GET', '/readyz')
    expect(ready).toEqual({ status: 200, body: { ok: true } })
  })
})

describeWithRedis(
  'two server processes when their Redis restarts',
  () => {
    it('each process goes on serving its own clients while Redis is away, and all clients converge once it is back', async () => {
      const redis: PrivateRedis = await startPrivateRedis()
      cleanups.push(() => redis.kill())
      const { pair: { processes: [one, two] }, f } = await pair(redis.url)
      const token = f.facilitator.token
      const anna = await board(one.wsUrl, f.board.id, token)
      const bernd = await board(two.wsUrl, f.board.id, token)
      anna.records.set('before', 'vorher')
      await until(() => bernd.records.get('before') === 'vorher', 'the first note on process 2')

      await redis.kill()
      const ready = await api<{ ok: boolean; reasons?: string[] }>(one.httpUrl, 'GET', '/readyz')
      expect(ready.status).toBe(503)
      expect(ready.body.reasons?.join(' ')).toContain('redis')

      // Clients of the same process still see each other's edits.
      const clara = await board(one.wsUrl, f.board.id, token)
      anna.records.set('during:1', 'von Anna, ohne Redis')
      bernd.records.set('during:2', 'von Bernd, ohne Redis')
      await until(() => clara.records.get('during:1') === 'von Anna, ohne Redis', 'Anna’s edit at Clara on the same process')
      // Stored, but not in any stream: the restarted Redis starts empty, so only a reload from storage brings these across.
      await until(() => one.server.metrics.read('relay_publish_failed_total') > 0 && two.server.metrics.read('relay_publish_failed_total') > 0, 'the publishes to fail', 20_000)

      await redis.start()
      for (const client of [anna, bernd, clara]) {
        await until(
          () => client.records.get('during:1') !== undefined && client.records.get('during:2') !== undefined,
          'both edits made without Redis at every client',
          20_000,
        )
      }
      await until(
        () => one.server.metrics.read('relay_reconnects_total') > 0 && two.server.metrics.read('relay_reconnects_total') > 0,
        'both processes to notice Redis is back',
        20_000,
      )
      anna.records.set('after', 'nachher')
      await until(() => bernd.records.get('after') === 'nachher', 'an edit after the restart on process 2', 20_000)
      // ioredis backs off between attempts, so each of the five connections comes back in its own time.
      let status = 0
      for (const giveUpAt = Date.now() + 20_000; status !== 200 && Date.now() < giveUpAt; ) {
        status = (await api(two.httpUrl, 'GET', '/readyz')).status
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(status).toBe(200)
    }, 60_000)
  },
  { needsRedisServer: true },
)
