import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CommandName, CommandPayload } from '../../shared/workshop/index.ts'
import { bestClockOffsetMs, remainingMs } from '../../shared/clock.ts'
import { createEventFixture, type EventFixture } from '../support/api.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { connectSession, refusedHandshake, type SessionClient } from '../support/sessionClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let f: EventFixture
let facilitator: SessionClient
let participant: SessionClient
let viewer: SessionClient
const extra: Array<{ close(): void } | BoardClient> = []

async function connectAll(): Promise<void> {
  facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
  participant = await connectSession(server.httpUrl, f.participant.token, f.event.id)
  viewer = await connectSession(server.httpUrl, f.viewer.token, f.event.id)
}

function closeAll(): void {
  for (const client of [facilitator, participant, viewer]) client.close()
  for (const client of extra.splice(0)) {
    if ('close' in client) client.close()
    else client.destroy()
  }
}

beforeEach(async () => {
  server = await startTestServer()
  f = await createEventFixture(server.httpUrl, server.adminToken)
  await connectAll()
})

afterEach(async () => {
  closeAll()
  await server.stop()
})

const viewport = { x: 0, y: 0, w: 800, h: 600 }

/** Each facilitator command with a payload and what everyone sees afterwards. */
type Shows = (s: ReturnType<SessionClient['state']>) => boolean

function facilitatorCommands(): Array<[CommandName, CommandPayload<CommandName>, Shows]> {
  const commands: Array<[string, unknown, Shows]> = [
    ['phase:set', { index: 5 }, (s) => s?.phaseIndex === 5],
    ['phase:step', { delta: 1, from: 5 }, (s) => s?.phaseIndex === 6],
    ['timer:start', { durationMs: 60_000 }, (s) => s?.timer.status === 'running'],
    ['spotlight:start', { boardId: f.board.id, viewport, mode: 'follow', target: 'everyone' }, (s) => s?.spotlight?.mode === 'follow'],
    ['board:lock', { boardId: f.board.id, reason: 'Pitch läuft' }, (s) => s?.locks[f.board.id]?.reason === 'Pitch läuft'],
    ['vote:open', { boardId: f.board.id, dotsPerPerson: 3 }, (s) => s?.vote?.status === 'open'],
    ['reactions:names', { show: true }, (s) => s?.showReactionNames === true],
  ]
  return commands as Array<[CommandName, CommandPayload<CommandName>, Shows]>
}

describe('workshop control commands', () => {
  it('each facilitator command works and reaches participant and viewer', async () => {
    for (const [command, payload, shows] of facilitatorCommands()) {
      expect(await facilitator.send(command, payload)).toEqual({ ok: true })
      await until(() => shows(participant.state()) && shows(viewer.state()), `${command} at participant and viewer`)
    }
  })

  it('the same commands from a participant or the viewer are refused and change nothing', async () => {
    const before = JSON.stringify(facilitator.state())
    for (const client of [participant, viewer]) {
      for (const [command, payload] of facilitatorCommands()) {
        const result = await client.send(command, payload)
        expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      }
    }
    expect(await viewer.send('vote:place', { shapeId: 'shape:a' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await viewer.send('reaction:send', { reaction: '👍' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(JSON.stringify(facilitator.state())).toBe(before)
    expect(facilitator.states).toHaveLength(1)
  })

  it.each([
    ['timer:start', { durationMs: -5 }],
    ['timer:start', { durationMs: 'long' }],
    ['phase:set', { index: 99 }],
    ['board:lock', { boardId: '../etc' }],
    ['board:lock', { boardId: 'nosuchboard' }],
    ['vote:open', { boardId: 'nosuchboard' }],
    ['vote:open', { boardId: 'x', dotsPerPerson: 50 }],
    ['spotlight:start', { boardId: 'x', viewport: { x: 0, y: 0, w: -1, h: 1 }, mode: 'once', target: 'everyone' }],
  ])('a malformed %s payload %j is refused and changes nothing', async (command, payload) => {
    const result = await facilitator.send(command as CommandName, payload as never)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(facilitator.states).toHaveLength(1)
  })

  it('a command without an acknowledgement still gets its error as an event', async () => {
    const errors: string[] = []
    participant.socket.on('workshop:error', (error) => errors.push(error.code))
    const emitWithoutAck = participant.socket.emit as unknown as (name: string, payload: unknown) => void
    emitWithoutAck.call(participant.socket, 'timer:stop', {})
    await until(() => errors.includes('forbidden'), 'the forbidden error event')
  })

  it('the handshake refuses unknown tokens, foreign events and missing auth', async () => {
    const other = await createEventFixture(server.httpUrl, server.adminToken, 'Anderes Event')
    expect(await refusedHandshake(server.httpUrl, { token: 'nope', eventId: f.event.id })).toBe('unauthorized')
    expect(await refusedHandshake(server.httpUrl, { token: f.participant.token, eventId: other.event.id })).toBe('forbidden')
    expect(await refusedHandshake(server.httpUrl, {})).toBe('unauthorized')
  })

  it('reactions reach everyone without names, and are rate-limited per participant', async () => {
    const results = []
    for (let i = 0; i < 7; i++) results.push(await participant.send('reaction:send', { reaction: '💡' }))
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    await until(() => viewer.reactions.length === 5, 'five reactions on the projector')
    expect(viewer.reactions.every((r) => r.reaction === '💡' && r.name === null)).toBe(true)
  })

  it('the roster shows who is here with name, side and raised hand, to facilitators only', async () => {
    await participant.send('presence:set', { profile: { name: 'Anna', side: 'kreative', color: '#e03131' }, boardId: f.board.id })
    await participant.send('hand:set', { raised: true })
    await until(
      () => facilitator.roster()?.some((e) => e.name === 'Anna' && e.side === 'kreative' && e.handRaised && e.boardId === f.board.id) === true,
      'Anna with a raised hand in the roster',
    )
    expect(participant.roster()).toBeNull()
    participant.close()
    await until(() => facilitator.roster()?.every((e) => e.name !== 'Anna') === true, 'Anna to leave the roster')
  })
})

describe('timer', () => {
  it('after a server restart the remaining time is the same', async () => {
    await facilitator.send('timer:start', { durationMs: 120_000 })
    const state = facilitator.state()
    const endsAt = state?.timer.status === 'running' ? state.timer.endsAt : 0
    closeAll()
    await server.stop()
    server = await startTestServer({ dataDir: server.config.dataDir })
    await connectAll()
    const after = participant.state()?.timer
    expect(after?.status).toBe('running')
    expect(after?.status === 'running' && Math.abs(after.endsAt - endsAt)).toBeLessThanOrEqual(1000)
  })

  it('clients with skewed clocks compute the same end', async () => {
    await facilitator.send('timer:start', { durationMs: 60_000 })
    await until(() => participant.state()?.timer.status === 'running', 'the running timer at the participant')
    const timer = participant.state()?.timer
    if (timer?.status !== 'running') throw new Error('timer not running')
    const remaining = []
    for (const skewMs of [-90_000, 0, 37_000]) {
      const localNow = () => Date.now() + skewMs
      const samples = []
      for (let i = 0; i < 3; i++) {
        const sentAt = localNow()
        const serverNow = await participant.socket.emitWithAck('time:now')
        samples.push({ sentAt, receivedAt: localNow(), serverNow })
      }
      remaining.push(remainingMs(timer.endsAt, localNow(), bestClockOffsetMs(samples)))
    }
    expect(Math.max(...remaining) - Math.min(...remaining)).toBeLessThan(1000)
    expect(remaining[0]).toBeGreaterThan(55_000)
  })

  it('pause, resume, +1 min and stop', async () => {
    await facilitator.send('timer:start', { durationMs: 60_000 })
    await facilitator.send('timer:pause', {})
    const paused = facilitator.state()?.timer
    expect(paused?.status === 'paused' && paused.remainingMs).toBeGreaterThan(59_000)
    await facilitator.send('timer:add', { ms: 60_000 })
    expect(facilitator.state()?.timer).toMatchObject({ status: 'paused', durationMs: 120_000 })
    await facilitator.send('timer:resume', {})
    expect(facilitator.state()?.timer.status).toBe('running')
    await facilitator.send('timer:stop', {})
    await until(() => participant.state()?.timer.status === 'idle', 'the stopped timer at the participant')
  })

  it('a timer that runs out is marked finished by the server', async () => {
    await facilitator.send('timer:start', { durationMs: 1000 })
    await until(() => viewer.state()?.timer.status === 'finished', 'the finished timer on the projector', 5000)
  })
})

describe('board lock', () => {
  it("a participant's update is refused while locked and accepted after unlock", async () => {
    const anna = await connectSynced(server.wsUrl, f.board.id, f.participant.token)
    const watcher = await connectSynced(server.wsUrl, f.board.id, f.facilitator.token)
    extra.push(anna, watcher)
    await facilitator.send('board:lock', { boardId: f.board.id, reason: 'Pitch läuft' })
    anna.records.set('during-lock', 'x')
    watcher.records.set('marker', 'after anna')
    await until(() => anna.records.get('marker') === 'after anna', 'a later edit to reach anna')
    expect(watcher.records.has('during-lock')).toBe(false)
    const stored = await server.server.storage.boards.loadBoard(f.board.id)
    expect(stored.updates.some((update) => Buffer.from(update).includes('during-lock'))).toBe(false)

    await facilitator.send('board:unlock', { boardId: f.board.id })
    anna.records.set('after-unlock', 'y')
    await until(() => watcher.records.get('after-unlock') === 'y', 'the edit after unlock')
  })
})

describe('dot voting', () => {
  it('a participant cannot place more than N dots, even with two connections at once', async () => {
    await facilitator.send('vote:open', { boardId: f.board.id, dotsPerPerson: 3 })
    const second = await connectSession(server.httpUrl, f.participant.token, f.event.id)
    extra.push(second)
    const attempts = await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => (i % 2 ? second : participant).send('vote:place', { shapeId: `shape:${id}` })),
    )
    expect(attempts.filter((r) => r.ok)).toHaveLength(3)
    expect(attempts.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'conflict')).toBe(true)
    await until(() => participant.mine()?.shapeIds.length === 3 && second.mine()?.shapeIds.length === 3, 'both connections to show 3 dots')
  })

  it('results stay hidden until reveal, then show correct counts', async () => {
    await facilitator.send('vote:open', { boardId: f.board.id, dotsPerPerson: 3 })
    const joined = await fetch(`${server.httpUrl}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: f.participant.code }),
    }).then((res) => res.json() as Promise<{ token: string }>)
    const ben = await connectSession(server.httpUrl, joined.token, f.event.id)
    extra.push(ben)
    await participant.send('presence:set', { profile: { name: 'Anna', side: 'kreative', color: '#e03131' }, boardId: null })
    await participant.send('vote:place', { shapeId: 'shape:a' })
    await participant.send('vote:place', { shapeId: 'shape:a' })
    await participant.send('vote:place', { shapeId: 'shape:b' })
    await ben.send('vote:place', { shapeId: 'shape:a' })
    await ben.send('vote:place', { shapeId: 'shape:c' })
    await ben.send('vote:remove', { shapeId: 'shape:c' })
    for (const client of [participant, ben, viewer]) {
      expect(client.states.every((s) => Object.keys(s.vote?.results ?? {}).length === 0)).toBe(true)
    }
    expect(await facilitator.send('vote:reveal', {})).toEqual({ ok: true })
    await until(() => participant.state()?.vote?.status === 'revealed', 'the revealed vote')
    expect(participant.state()?.vote?.results).toEqual({ 'shape:a': 3, 'shape:b': 1 })
    expect(participant.state()?.vote?.voters?.['shape:b']).toEqual(['Anna'])
  })

  it('a late joiner can vote while the vote is open, not after it closed', async () => {
    await facilitator.send('vote:open', { boardId: f.board.id, dotsPerPerson: 1 })
    const late = await connectSession(server.httpUrl, f.participant.token, f.event.id)
    extra.push(late)
    expect(await late.send('vote:place', { shapeId: 'shape:z' })).toEqual({ ok: true })
    await facilitator.send('vote:close', {})
    expect(await late.send('vote:remove', { shapeId: 'shape:z' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})
