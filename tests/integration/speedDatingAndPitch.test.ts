import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Board } from '../../shared/api.ts'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { joinAs, type Participant } from '../support/participants.ts'
import { connectSession, type SessionClient } from '../support/sessionClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let f: EventFixture
let facilitator: SessionClient
let projector: SessionClient
const closers: Array<() => void> = []

beforeEach(async () => {
  server = await startTestServer()
  f = await createEventFixture(server.httpUrl, server.adminToken)
  facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
  projector = await connectSession(server.httpUrl, f.viewer.token, f.event.id)
  closers.push(() => facilitator.close(), () => projector.close())
})

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server.stop()
})

async function people(names: Array<[string, 'kreative' | 'unternehmen' | 'institution']>, extra = {}): Promise<Participant[]> {
  const joined = []
  for (const [name, side] of names) {
    const person = await joinAs(server.httpUrl, f, name, side, extra)
    closers.push(() => person.client.close())
    joined.push(person)
  }
  return joined
}

describe('speed-dating', () => {
  it('pairs a creative with a company on a board of their own, and the round timer runs for both', async () => {
    const [anna, bernd] = await people([
      ['Anna', 'kreative'],
      ['Bernd', 'unternehmen'],
    ])
    if (!anna || !bernd) throw new Error('people missing')
    expect(await facilitator.send('speed:configure', { roundMs: 120_000, imbalance: 'sit-out', institutionsAs: 'either' })).toEqual({ ok: true })
    expect(await facilitator.send('speed:next', { afterRound: 0 })).toEqual({ ok: true })
    await until(() => anna.client.state()?.speedDating?.rounds.length === 1, 'round 1 at anna')
    const round = anna.client.state()?.speedDating?.rounds[0]
    expect(round?.groups).toHaveLength(1)
    expect(round?.groups[0]?.members.sort()).toEqual([anna.id, bernd.id].sort())
    expect(anna.client.state()?.directory[bernd.id]?.name).toBe('Bernd')
    expect(anna.client.state()?.speedDating).toMatchObject({ status: 'running' })
    expect(anna.client.state()?.speedDating?.roundEndsAt).toBeGreaterThan(Date.now() + 100_000)
    expect(anna.client.state()?.timer.status).toBe('idle')
    const boardId = round?.groups[0]?.boardId ?? ''
    const pairBoard = await connectSynced(server.wsUrl, boardId, anna.token)
    closers.push(() => pairBoard.destroy())
    await until(() => readBoardRecords(pairBoard.doc).size > 0, 'the pair board content')
    const texts = JSON.stringify(Array.from(readBoardRecords(pairBoard.doc).values()))
    expect(texts).toContain('Anna')
    expect(texts).toContain('Bernd')
  })

  it('a finished round stays finished when a pitch or workshop timer starts later, and phones show no table any more', async () => {
    const [anna, bernd] = await people([
      ['Anna', 'kreative'],
      ['Bernd', 'unternehmen'],
    ])
    if (!anna || !bernd) throw new Error('people missing')
    expect(await facilitator.send('speed:next', { afterRound: 0 })).toEqual({ ok: true })
    expect(await facilitator.send('speed:end', { round: 1 })).toEqual({ ok: true })
    await until(() => anna.client.state()?.speedDating?.status === 'over', 'round 1 over at anna')
    expect(await facilitator.send('speed:end', { round: 1 })).toMatchObject({ ok: false, error: { code: 'stale' } })

    expect(await facilitator.send('timer:start', { durationMs: 10 * 60_000 })).toEqual({ ok: true })
    const board = await api<Board>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, { title: 'Pitches', template: 'leer' })
    expect(await facilitator.send('pitch:configure', { boardId: board.body.id, order: [anna.id, bernd.id] })).toEqual({ ok: true })
    expect(await facilitator.send('pitch:start', { index: 0 })).toEqual({ ok: true })
    await until(() => anna.client.state()?.pitch?.current === 0, 'the pitch at anna')
    expect(anna.client.state()?.speedDating).toMatchObject({ status: 'over', roundEndsAt: null })
    expect(facilitator.state()?.speedDating?.rounds).toHaveLength(1)

    expect(await facilitator.send('speed:next', { afterRound: 1 })).toEqual({ ok: true })
    expect(await facilitator.send('speed:finish', {})).toEqual({ ok: true })
    await until(() => anna.client.state()?.speedDating?.status === 'ended', 'speed-dating ended at anna')
    expect(await facilitator.send('speed:next', { afterRound: 2 })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('only mutual marks become matches, shown to the two people with what they chose to share', async () => {
    const [anna, bernd, clara] = await people([
      ['Anna', 'kreative'],
      ['Bernd', 'unternehmen'],
      ['Clara', 'kreative'],
    ])
    if (!anna || !bernd || !clara) throw new Error('people missing')
    await facilitator.send('speed:next', { afterRound: 0 })
    await until(() => anna.client.state()?.speedDating?.rounds.length === 1, 'round 1')
    const round1 = anna.client.state()?.speedDating?.rounds[0]
    const met = (a: string) => round1?.groups.find((g) => g.members.includes(a))?.members.find((m) => m !== a)
    const partnerOfBernd = met(bernd.id)
    const partner = partnerOfBernd === anna.id ? anna : clara
    const other = partner === anna ? clara : anna

    expect(await partner.client.send('match:mark', { otherId: bernd.id, want: true, shareContact: true })).toEqual({ ok: true })
    await until(() => partner.client.matches()?.marked[bernd.id] === true, 'the own mark')
    expect(partner.client.matches()?.matches).toEqual([])
    expect(bernd.client.matches()?.matches ?? []).toEqual([])
    expect(facilitator.state()?.speedDating?.matchCount).toBe(0)
    expect(await other.client.send('match:mark', { otherId: bernd.id, want: true, shareContact: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    })

    await bernd.client.send('match:mark', { otherId: partner.id, want: true, shareContact: false })
    await until(() => (partner.client.matches()?.matches.length ?? 0) === 1 && (bernd.client.matches()?.matches.length ?? 0) === 1, 'the match at both')
    expect(partner.client.matches()?.matches[0]).toMatchObject({ personId: bernd.id, name: 'Bernd', contact: null })
    expect(bernd.client.matches()?.matches[0]).toMatchObject({ personId: partner.id, contact: '' })
    await until(() => facilitator.state()?.speedDating?.matchCount === 1, 'the count at the facilitator')
    expect(other.client.matches()?.matches ?? []).toEqual([])
    expect(JSON.stringify(facilitator.states)).not.toContain('marked')
  })

  it('with 12 creatives and 9 companies over 8 rounds no pair meets twice and sit-outs are fair within each side', async () => {
    const names: Array<[string, 'kreative' | 'unternehmen']> = [
      ...Array.from({ length: 12 }, (_, i) => [`K${i}`, 'kreative'] as [string, 'kreative']),
      ...Array.from({ length: 9 }, (_, i) => [`U${i}`, 'unternehmen'] as [string, 'unternehmen']),
    ]
    await people(names)
    for (let round = 0; round < 8; round++) expect(await facilitator.send('speed:next', { afterRound: round })).toEqual({ ok: true })
    const rounds = facilitator.state()?.speedDating?.rounds ?? []
    expect(rounds).toHaveLength(8)
    const pairs = rounds.flatMap((r) => r.groups.map((g) => [...g.members].sort().join('+')))
    expect(new Set(pairs).size).toBe(pairs.length)
    const sitOuts = new Map<string, number>()
    for (const r of rounds) for (const id of r.sittingOut) sitOuts.set(id, (sitOuts.get(id) ?? 0) + 1)
    const directory = facilitator.state()?.directory ?? {}
    for (const side of ['kreative', 'unternehmen']) {
      const counts = Object.entries(directory)
        .filter(([, entry]) => entry.side === side)
        .map(([id]) => sitOuts.get(id) ?? 0)
      expect(counts).toHaveLength(side === 'kreative' ? 12 : 9)
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1)
    }
  })
})

describe('pitch queue', () => {
  it('starting a pitch shows its frame on the projector, locks its shapes and runs the timer; next moves on and unlocks it', async () => {
    const [anna, bernd] = await people([
      ['Anna', 'kreative'],
      ['Bernd', 'unternehmen'],
    ])
    if (!anna || !bernd) throw new Error('people missing')
    const board = await api<Board>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, { title: 'Pitches', template: 'leer' })
    expect(await facilitator.send('pitch:configure', { boardId: board.body.id, perPitchMs: 180_000, order: [anna.id, bernd.id] })).toEqual({ ok: true })
    const watcher: BoardClient = await connectSynced(server.wsUrl, board.body.id, f.facilitator.token)
    closers.push(() => watcher.destroy())
    const queue = facilitator.state()?.pitch?.queue ?? []
    const shape = (id: string) => readBoardRecords(watcher.doc).get(id) as { isLocked: boolean; x: number; y: number } | undefined
    await until(() => queue.every((entry) => shape(entry.frameId) !== undefined), 'both pitch frames on the board')

    expect(await facilitator.send('pitch:start', { index: 0 })).toEqual({ ok: true })
    await until(() => projector.state()?.pitch?.current === 0, 'pitch 1 on the projector')
    const annaFrame = queue[0]?.frameId ?? ''
    expect(projector.state()?.spotlight).toMatchObject({ boardId: board.body.id, target: 'projector', mode: 'follow' })
    expect(projector.state()?.spotlight?.viewport.x).toBeLessThanOrEqual(shape(annaFrame)?.x ?? Number.NaN)
    expect(projector.state()?.timer.status).toBe('running')
    await until(() => shape(annaFrame)?.isLocked === true, 'anna’s frame locked')
    const lockedChildren = Array.from(readBoardRecords(watcher.doc).values()).filter(
      (r) => (r as { parentId?: string }).parentId === annaFrame,
    ) as Array<{ isLocked: boolean }>
    expect(lockedChildren.length).toBeGreaterThan(0)
    expect(lockedChildren.every((r) => r.isLocked)).toBe(true)

    expect(await facilitator.send('pitch:next', { after: 0 })).toEqual({ ok: true })
    await until(() => shape(annaFrame)?.isLocked === false && shape(queue[1]?.frameId ?? '')?.isLocked === true, 'next pitch locked, first unlocked')
    expect(await anna.client.send('pitch:next', { after: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    // 'Beenden' between pitches: the queue goes on with the one still to come, never back to the first.
    expect(await facilitator.send('pitch:end', {})).toEqual({ ok: true })
    await until(() => anna.client.state()?.pitch?.current === -1, 'no pitch running')
    expect(anna.client.state()?.pitch?.done).toEqual([0, 1])
    expect(await facilitator.send('pitch:next', { after: -1 })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await facilitator.send('pitch:start', { index: 0 })).toEqual({ ok: true })
    expect(await facilitator.send('pitch:end', {})).toEqual({ ok: true })
    expect(facilitator.state()?.pitch?.done).toEqual([1, 0])
  })
})
