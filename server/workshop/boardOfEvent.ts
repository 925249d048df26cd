import type { EventStore } from '../storage/EventStore.ts'
import { WorkshopRefusal } from './WorkshopRefusal.ts'

/** Commands name boards by id; a board of another event is refused like one that does not exist. */
export async function assertBoardOfEvent(events: EventStore, eventId: string, boardId: string): Promise<void> {
  const board = await events.getBoard(boardId)
  if (!board || board.eventId !== eventId) throw new WorkshopRefusal('invalid', 'no such board in this event')
}
