import { describe, expect, it } from 'vitest'
import { speedDatingFeature } from '../../server/speedDating/speedDatingFeature.ts'
import type { WorkshopChange, WorkshopTransaction } from '../../server/workshop/Workshop.ts'
import type { WorkshopState } from '../../shared/workshop/index.ts'
import { newWorkshopState } from '../support/workshopState.ts'

function running(endsAt: number): WorkshopState {
  const round = { number: 1, groups: [{ table: 1, boardId: 'b1', members: ['a', 'b'] }], sittingOut: [] }
  return {
    ...newWorkshopState('e1', 3),
    speedDating: { settings: { roundMs: 300_000, imbalance: 'sit-out', institutionsAs: 'either' }, rounds: [round], status: 'running', roundEndsAt: endsAt, matchCount: 0 },
  }
}

function transactionOn(state: WorkshopState): { workshop: WorkshopTransaction; state: () => WorkshopState } {
  let current = state
  return {
    workshop: {
      get state() {
        return current
      },
      commit: async (change: WorkshopChange) => {
        current = { ...current, ...change, version: current.version + 1 }
      },
    },
    state: () => current,
  }
}

const feature = speedDatingFeature({
  events: undefined as never,
  matches: undefined as never,
  profiles: undefined as never,
  now: () => 0,
  seedPairBoard: async () => undefined,
  boardsCreated: () => undefined,
})

describe('a speed-dating round runs out on the server', () => {
  it('a running round has a deadline at its end, which marks it over', async () => {
    const state = running(1_000)
    const [deadline] = feature.deadlines?.(state) ?? []
    expect(deadline?.at).toBe(1_000)
    const tx = transactionOn(state)
    await deadline?.run(tx.workshop)
    expect(tx.state().speedDating).toMatchObject({ status: 'over', roundEndsAt: null })
  })

  it('a deadline that a later command moved does nothing (the round was ended early or the next one started)', async () => {
    const [deadline] = feature.deadlines?.(running(1_000)) ?? []
    const tx = transactionOn(running(9_000))
    await deadline?.run(tx.workshop)
    expect(tx.state().speedDating).toMatchObject({ status: 'running', roundEndsAt: 9_000 })
    expect(tx.state().version).toBe(3)
  })

  it('a round that is over or ended has no deadline', () => {
    const state = running(1_000)
    const speedDating = state.speedDating
    if (!speedDating) throw new Error('no speed-dating')
    expect(feature.deadlines?.({ ...state, speedDating: { ...speedDating, status: 'over', roundEndsAt: null } })).toEqual([])
  })
})
