import type { EventStore } from '../../storage/EventStore.ts'
import { assertBoardOfEvent } from '../boardOfEvent.ts'
import type { WorkshopFeature } from '../WorkshopFeature.ts'

/** Board locks: while a board is locked, participants' updates to it are refused by the sync server. */
export function locksFeature({ events }: { events: EventStore }): WorkshopFeature {
  return {
    name: 'locks',
    slices: { locks: {} },
    commands: {
      'board:lock': async ({ boardId, reason }, { workshop }) => {
        await assertBoardOfEvent(events, workshop.state.eventId, boardId)
        await workshop.commit({ locks: { ...workshop.state.locks, [boardId]: { reason } } })
      },
      'board:unlock': async ({ boardId }, { workshop }) => {
        const { [boardId]: _removed, ...locks } = workshop.state.locks
        await workshop.commit({ locks })
      },
    },
  }
}
