import { describe, expect, it } from 'vitest'
import type { Board } from '../../../../shared/api.ts'
import type { WorkshopState } from '../../../../shared/workshop/index.ts'
import { newWorkshopState } from '../../../../tests/support/workshopState.ts'
import { lobbyBoards } from './lobbyBoards.ts'

const board = (id: string, archived = false): Board => ({ id, eventId: 'e', title: id, template: 'leer', createdAt: '2024-11-08T09:00:00Z', archived })

function dayState(status: 'running' | 'over'): WorkshopState {
  return {
    ...newWorkshopState('e', 5),
    speedDating: {
      settings: { roundMs: 300_000, imbalance: 'sit-out', institutionsAs: 'either' },
      rounds: [
        { number: 1, groups: [{ table: 1, boardId: 'r1t1', members: ['anna', 'ben'] }, { table: 2, boardId: 'r1t2', members: ['clara', 'dirk'] }], sittingOut: [] },
        { number: 2, groups: [{ table: 1, boardId: 'r2t1', members: ['anna', 'dirk'] }, { table: 2, boardId: 'r2t2', members: ['clara', 'ben'] }], sittingOut: [] },
      ],
      status,
      roundEndsAt: status === 'running' ? 1 : null,
      matchCount: 0,
    },
    breakouts: { sourceBoardId: 'ideen', assignment: 'mixed', groups: [{ boardId: 'g1', title: 'Gruppe 1', members: ['anna'] }, { boardId: 'g2', title: 'Gruppe 2', members: ['ben'] }] },
  }
}

const all = ['ideen', 'pitch', 'r1t1', 'r1t2', 'r2t1', 'r2t2', 'g1', 'g2'].map((id) => board(id))

describe('the boards in a participant’s lobby', () => {
  it('are the main boards and the person’s own current pair and group board', () => {
    expect(lobbyBoards(all, dayState('running'), 'anna').map((b) => b.id)).toEqual(['ideen', 'pitch', 'r2t1', 'g1'])
  })

  it('no pair board once the round is over, and nothing archived', () => {
    expect(lobbyBoards([...all, board('alt', true)], dayState('over'), 'ben').map((b) => b.id)).toEqual(['ideen', 'pitch', 'g2'])
  })
})
