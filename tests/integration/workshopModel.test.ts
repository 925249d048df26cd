import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedLink } from '../../shared/api.ts'
import type { CommandResult, WorkshopState } from '../../shared/workshop/index.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { joinAs } from '../support/participants.ts'
import { connectSession, type SessionClient } from '../support/sessionClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

/**
 * Random interleavings of commands from two facilitators and four people
 * (one of them on two devices) against the real server. Each step fires a
 * few commands at once, as clicks on several screens would; after every step
 * the invariants of workshop control must hold.
 */

interface World {
  f: EventFixture
  facilitators: [SessionClient, SessionClient]
  /** Connections of people; the last one is a second device of the first person. */
  devices: SessionClient[]
  personIds: string[]
  close(): void
}

type Command = (world: World) => Promise<CommandResult>

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
})

afterAll(async () => {
  await server.stop()
})

async function makeWorld(): Promise<World> {
  const f = await createEventFixture(server.httpUrl, server.adminToken, 'Modell')
  const second = await api<CreatedLink>(server.httpUrl, 'POST', `/api/events/${f.event.id}/links`, f.facilitator.token, { role: 'facilitator' })
  const facilitators: [SessionClient, SessionClient] = [
    await connectSession(server.httpUrl, f.facilitator.token, f.event.id),
    await connectSession(server.httpUrl, second.body.token, f.event.id),
  ]
  const people = []
  for (const [name, side] of [
    ['Anna', 'kreative'],
    ['Bernd', 'unternehmen'],
    ['Clara', 'kreative'],
    ['Dirk', 'unternehmen'],
  ] as const) {
    people.push(await joinAs(server.httpUrl, f, name, side))
  }
  const first = people[0]
  if (!first) throw new Error('nobody joined')
  const devices = [...people.map((p) => p.client), await connectSession(server.httpUrl, first.token, f.event.id)]
  return {
    f,
    facilitators,
    devices,
    personIds: people.map((p) => p.id),
    close: () => {
      for (const client of [...facilitators, ...devices]) client.close()
    },
  }
}

const by = fc.constantFrom(0, 1)
/** 0: the sender's view is current; 1: it is one behind (a second click, or a console that has not caught up). */
const lag = fc.constantFrom(0, 0, 1)
const personIndex = fc.integer({ min: 0, max: 4 })
const shape = fc.constantFrom('shape:a', 'shape:b', 'shape:c')

function seen(world: World, index: 0 | 1): WorkshopState | null {
  return world.facilitators[index].state()
}

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ by, lag }).map(({ by, lag }): Command => (w) => {
    const rounds = seen(w, by as 0 | 1)?.speedDating?.rounds.length ?? 0
    return w.facilitators[by as 0 | 1].send('speed:next', { afterRound: Math.max(0, rounds - lag) })
  }),
  fc.record({ by, minutes: fc.integer({ min: 1, max: 9 }) }).map(({ by, minutes }): Command => (w) =>
    w.facilitators[by as 0 | 1].send('speed:configure', { roundMs: minutes * 60_000 }),
  ),
  fc.record({ by, dots: fc.integer({ min: 1, max: 3 }) }).map(({ by, dots }): Command => (w) =>
    w.facilitators[by as 0 | 1].send('vote:open', { boardId: w.f.board.id, dotsPerPerson: dots }),
  ),
  by.map((by): Command => (w) => w.facilitators[by as 0 | 1].send('vote:close', {})),
  fc.record({ who: personIndex, shape }).map(({ who, shape }): Command => (w) => w.devices[who]?.send('vote:place', { shapeId: shape }) ?? Promise.reject(new Error('no device'))),
  fc.record({ who: personIndex, shape }).map(({ who, shape }): Command => (w) => w.devices[who]?.send('vote:remove', { shapeId: shape }) ?? Promise.reject(new Error('no device'))),
  fc.record({ by, order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }) }).map(({ by, order }): Command => (w) =>
    w.facilitators[by as 0 | 1].send('pitch:configure', { boardId: w.f.board.id, order: order.map((i) => w.personIds[i] ?? '') }),
  ),
  fc.record({ by, lag }).map(({ by, lag }): Command => (w) => {
    const current = seen(w, by as 0 | 1)?.pitch?.current ?? -1
    return w.facilitators[by as 0 | 1].send('pitch:next', { after: current - lag })
  }),
  fc.record({ by, lag, delta: fc.constantFrom(1 as const, -1 as const) }).map(({ by, lag, delta }): Command => (w) => {
    const phase = seen(w, by as 0 | 1)?.phaseIndex ?? 0
    return w.facilitators[by as 0 | 1].send('phase:step', { delta, from: phase - lag })
  }),
  fc.record({ by, minutes: fc.integer({ min: 1, max: 20 }) }).map(({ by, minutes }): Command => (w) =>
    w.facilitators[by as 0 | 1].send('timer:start', { durationMs: minutes * 60_000 }),
  ),
)

async function checkInvariants(world: World, previousVersion: number): Promise<number> {
  const storage = server.server.storage
  const state = await storage.workshops.loadState(world.f.event.id)
  if (!state) throw new Error('no stored state')
  expect(state.version).toBeGreaterThanOrEqual(previousVersion)

  const rounds = state.speedDating?.rounds ?? []
  expect(rounds.map((round) => round.number)).toEqual(rounds.map((_, index) => index + 1))
  const pairBoards = (await storage.events.listBoards(world.f.event.id)).filter((board) => board.title.startsWith('Speeddating'))
  expect(pairBoards.length).toBe(rounds.reduce((sum, round) => sum + round.groups.length, 0))
  const boardsOfRounds = new Set(rounds.flatMap((round) => round.groups.map((group) => group.boardId)))
  expect(pairBoards.every((board) => boardsOfRounds.has(board.id))).toBe(true)

  if (state.vote) {
    const perPerson = new Map<string, number>()
    for (const dot of await storage.votes.allDots(state.vote.id)) perPerson.set(dot.personId, (perPerson.get(dot.personId) ?? 0) + 1)
    for (const count of perPerson.values()) expect(count).toBeLessThanOrEqual(state.vote.dotsPerPerson)
  }

  if (state.pitch) {
    const queue = state.pitch.queue.map((entry) => entry.personId)
    expect(new Set(queue).size).toBe(queue.length)
    expect(queue.every((id) => world.personIds.includes(id))).toBe(true)
    expect(state.pitch.current).toBeLessThan(queue.length)
  }

  for (const client of [...world.facilitators, ...world.devices]) {
    const versions = client.states.map((s) => s.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
  }
  return state.version
}

describe('workshop control under random interleavings', () => {
  it('keeps one round per number with its boards, dots within the limit, a pitch queue without repeats and a growing version', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(command, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (steps) => {
        const world = await makeWorld()
        try {
          let version = 0
          for (const step of steps) {
            const results = await Promise.all(step.map((run) => run(world)))
            for (const result of results) {
              if (!result.ok) expect(['conflict', 'stale', 'invalid']).toContain(result.error.code)
            }
            version = await checkInvariants(world, version)
          }
        } finally {
          world.close()
        }
      }),
      { numRuns: 30 },
    )
  })
})
