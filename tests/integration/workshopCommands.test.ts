import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Board } from '../../shared/api.ts'
import type { Role } from '../../shared/roles.ts'
import { COMMAND_NAMES, audienceAdmits, workshopCommands, type CommandName, type CommandPayload } from '../../shared/workshop/index.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { joinAs, type Participant } from '../support/participants.ts'
import { connectSession, type SessionClient } from '../support/sessionClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let f: EventFixture
const closers: Array<() => void> = []

beforeEach(async () => {
  server = await startTestServer()
  f = await createEventFixture(server.httpUrl, server.adminToken)
})

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server.stop()
})

async function connect(token: string): Promise<SessionClient> {
  const client = await connectSession(server.httpUrl, token, f.event.id)
  closers.push(() => client.close())
  return client
}

async function person(name: string, side: 'kreative' | 'unternehmen'): Promise<Participant> {
  const joined = await joinAs(server.httpUrl, f, name, side, { contact: `${name.toLowerCase()}@example.org` })
  closers.push(() => joined.client.close())
  return joined
}

/** The stored version, read by asking the server for its state through a fresh facilitator connection. */
async function storedVersion(): Promise<number> {
  const probe = await connect(f.facilitator.token)
  const version = probe.state()?.version ?? -1
  probe.close()
  return version
}

/** A well-formed payload for every command, so a refusal can only come from the sender's role. */
function wellFormed(boardId: string): { [C in CommandName]: CommandPayload<C> } {
  const viewport = { x: 0, y: 0, w: 800, h: 600 }
  return {
    'phase:set': { index: 1 },
    'phase:step': { delta: 1, from: 0 },
    'timer:start': { durationMs: 60_000 },
    'timer:pause': {},
    'timer:resume': {},
    'timer:add': { ms: 60_000 },
    'timer:stop': {},
    'spotlight:start': { boardId, viewport, mode: 'once', target: 'everyone' },
    'spotlight:end': {},
    'board:lock': { boardId, reason: 'Pause' },
    'board:unlock': { boardId },
    'vote:open': { boardId },
    'vote:close': {},
    'vote:reveal': {},
    'vote:place': { shapeId: 'shape:a' },
    'vote:remove': { shapeId: 'shape:a' },
    'joincard:show': { visible: false },
    'reactions:names': { show: true },
    'reaction:send': { reaction: '👍' },
    'hand:set': { raised: true },
    'presence:set': { profile: null, boardId: null },
    'profile:save': { card: { name: 'Probe', side: 'kreative' } },
    'speed:configure': { roundMs: 60_000 },
    'speed:next': { afterRound: 0 },
    'speed:swap': { round: 1, a: 'x', b: 'y' },
    'speed:end': { round: 1 },
    'speed:finish': {},
    'match:mark': { otherId: 'x', want: true },
    'pitch:configure': { boardId, order: [] },
    'pitch:start': { index: 0 },
    'pitch:next': { after: -1 },
    'pitch:end': {},
    'breakout:create': { sourceBoardId: boardId, groups: [{ title: 'Gruppe 1', shapeIds: [] }] },
    'breakout:assign': { personId: 'x', group: 0 },
    'breakout:choose': { group: 0 },
    'breakout:end': {},
    'silent:start': { boardId },
    'silent:reveal': {},
    'silent:end': {},
  }
}

describe('the command table', () => {
  it('every command says who may send it', () => {
    for (const name of COMMAND_NAMES) expect(['facilitators', 'participants', 'everyone']).toContain(workshopCommands[name].audience)
  })

  it('each command, sent by each role, succeeds only for the roles it admits; for the others it is refused and stores nothing', async () => {
    const tokens: Record<Role, string> = { admin: server.adminToken, facilitator: f.facilitator.token, participant: f.participant.token, viewer: f.viewer.token }
    const clients = Object.fromEntries(await Promise.all((Object.keys(tokens) as Role[]).map(async (role) => [role, await connect(tokens[role])]))) as Record<
      Role,
      SessionClient
    >
    const payloads = wellFormed(f.board.id)
    for (const name of COMMAND_NAMES) {
      for (const role of Object.keys(tokens) as Role[]) {
        const before = await storedVersion()
        const result = await clients[role].send(name, payloads[name] as never)
        if (audienceAdmits(workshopCommands[name].audience, role)) {
          expect(result, `${name} by ${role}`).not.toMatchObject({ ok: false, error: { code: 'forbidden' } })
        } else {
          expect(result, `${name} by ${role}`).toMatchObject({ ok: false, error: { code: 'forbidden' } })
          expect(await storedVersion(), `${name} by ${role} changed the state`).toBe(before)
        }
      }
    }
  })
})

describe('one command at a time', () => {
  async function roundReady(): Promise<{ facilitator: SessionClient; people: Participant[] }> {
    const facilitator = await connect(f.facilitator.token)
    const people = [await person('Anna', 'kreative'), await person('Bernd', 'unternehmen'), await person('Clara', 'kreative'), await person('Dirk', 'unternehmen')]
    await until(() => Object.keys(facilitator.state()?.directory ?? {}).length === 4, 'four profile cards')
    return { facilitator, people }
  }

  async function pairBoards(): Promise<Board[]> {
    const boards = await api<{ boards: Board[] }>(server.httpUrl, 'GET', `/api/events/${f.event.id}`, f.facilitator.token)
    return boards.body.boards.filter((board) => board.title.startsWith('Speeddating'))
  }

  it('two rapid "next round" clicks from one console start exactly one round; the second is refused as stale', async () => {
    const { facilitator } = await roundReady()
    const results = await Promise.all([facilitator.send('speed:next', { afterRound: 0 }), facilitator.send('speed:next', { afterRound: 0 })])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'stale' } })
    await until(() => facilitator.state()?.speedDating?.rounds.length === 1, 'round 1')
    expect(facilitator.state()?.speedDating?.rounds.map((round) => round.number)).toEqual([1])
    expect(await pairBoards()).toHaveLength(2)
  })

  it('"next round" from two consoles at once starts exactly one round', async () => {
    const { facilitator } = await roundReady()
    const second = await connect(f.facilitator.token)
    const results = await Promise.all([facilitator.send('speed:next', { afterRound: 0 }), second.send('speed:next', { afterRound: 0 })])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    await until(() => second.state()?.speedDating?.rounds.length === 1, 'round 1 on the second console')
    expect(await pairBoards()).toHaveLength(2)
    expect(await second.send('speed:next', { afterRound: 1 })).toEqual({ ok: true })
    expect(facilitator.state()?.speedDating?.rounds.map((round) => round.number) ?? []).toEqual([1, 2])
  })

  it('settings sent while a round is being set up are kept, not overwritten by the round', async () => {
    const { facilitator } = await roundReady()
    const [next, configure] = await Promise.all([facilitator.send('speed:next', { afterRound: 0 }), facilitator.send('speed:configure', { roundMs: 7 * 60_000 })])
    expect(next).toEqual({ ok: true })
    expect(configure).toEqual({ ok: true })
    await until(() => facilitator.state()?.speedDating?.settings.roundMs === 7 * 60_000, 'the new round length')
    expect(facilitator.state()?.speedDating?.rounds).toHaveLength(1)
  })

  it('"next pitch" names the pitch it follows: a repeated click does not skip a pitch', async () => {
    const facilitator = await connect(f.facilitator.token)
    const anna = await person('Anna', 'kreative')
    const bernd = await person('Bernd', 'unternehmen')
    expect(await facilitator.send('pitch:configure', { boardId: f.board.id, order: [anna.id, bernd.id] })).toEqual({ ok: true })
    const results = await Promise.all([facilitator.send('pitch:next', { after: -1 }), facilitator.send('pitch:next', { after: -1 })])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    await until(() => facilitator.state()?.pitch?.current === 0, 'the first pitch')
  })
})

describe('privacy of match marks', () => {
  it('a one-sided mark sends nothing to the person marked nor to the facilitator; a mutual one tells both people and gives the facilitator a count only', async () => {
    const facilitator = await connect(f.facilitator.token)
    const people = [await person('Clara', 'kreative'), await person('Dirk', 'unternehmen')]
    const [clara, dirk] = people
    if (!clara || !dirk) throw new Error('people missing')
    expect(await facilitator.send('speed:next', { afterRound: 0 })).toEqual({ ok: true })
    await until(() => dirk.client.state()?.speedDating?.rounds.length === 1 && clara.client.state()?.speedDating?.rounds.length === 1, 'the round at both')
    await until(() => dirk.client.matches() !== null, 'Dirk’s own (empty) matches')

    const dirkBefore = dirk.client.received.length
    const facilitatorBefore = facilitator.received.length
    expect(await clara.client.send('match:mark', { otherId: dirk.id, want: true, shareContact: true })).toEqual({ ok: true })
    await until(() => clara.client.matches()?.marked[dirk.id] === true, 'Clara’s own mark')
    // A later command's answer arrives after anything the mark could have caused: the channel is ordered.
    expect(await facilitator.send('reactions:names', { show: false })).toEqual({ ok: true })
    expect(await dirk.client.send('hand:set', { raised: false })).toEqual({ ok: true })
    expect(dirk.client.received.slice(dirkBefore).map((entry) => entry.event)).toEqual([])
    const causedForFacilitator = facilitator.received.slice(facilitatorBefore).filter((entry) => entry.event !== 'roster')
    expect(causedForFacilitator.map((entry) => entry.event)).toEqual(['workshop:state'])
    expect(causedForFacilitator[0]?.payload).toMatchObject({ showReactionNames: false, speedDating: { matchCount: 0 } })

    expect(await dirk.client.send('match:mark', { otherId: clara.id, want: true, shareContact: false })).toEqual({ ok: true })
    await until(() => clara.client.matches()?.matches.length === 1 && dirk.client.matches()?.matches.length === 1, 'the match at both')
    expect(dirk.client.matches()?.matches[0]).toMatchObject({ personId: clara.id, contact: 'clara@example.org' })
    expect(clara.client.matches()?.matches[0]).toMatchObject({ personId: dirk.id, contact: null })
    await until(() => facilitator.state()?.speedDating?.matchCount === 1, 'the count at the facilitator')
    expect(facilitator.received.filter((entry) => entry.event === 'matches:mine').map((entry) => entry.payload)).toEqual([{ marked: {}, matches: [] }])
    expect(dirk.client.state()?.speedDating?.matchCount).toBeNull()

    const dirkBeforeWithdrawal = dirk.client.received.length
    expect(await clara.client.send('match:mark', { otherId: dirk.id, want: false })).toEqual({ ok: true })
    await until(() => facilitator.state()?.speedDating?.matchCount === 0, 'the count drops for the facilitator')
    expect(await dirk.client.send('hand:set', { raised: false })).toEqual({ ok: true })
    expect(dirk.client.received.slice(dirkBeforeWithdrawal).map((entry) => entry.event)).toEqual([])
  })
})
