import type { AssetStore } from '../assets/AssetStore.ts'
import type { BoardHistory } from '../boards/BoardHistory.ts'
import type { Logger } from '../logger.ts'
import type { PrivateNotesEraser } from '../silentRound/PrivateNotesEraser.ts'
import type { Storage } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { WorkshopHub } from '../workshop/WorkshopHub.ts'

export interface EventDeletionDeps {
  storage: Storage
  assets: AssetStore
  registry: RoomRegistry
  history: Pick<BoardHistory, 'whenStored'>
  workshops: WorkshopHub
  privateNotes: Pick<PrivateNotesEraser, 'erase'>
  /** Closes every live connection of the event: its workshop sockets and the sync sockets of these boards. */
  cutOff: (eventId: string, boardIds: readonly string[]) => void
  logger: Logger
}

/**
 * Deletes an event and everything of it: boards with their logs, snapshots,
 * versions, dots, images and unrevealed private notes; links and device links; workshop state,
 * profiles and marks. Reports are built on demand and never stored.
 */
export async function deleteEvent(deps: EventDeletionDeps, eventId: string): Promise<boolean> {
  const { storage } = deps
  if (!(await storage.events.getEvent(eventId))) return false
  const boardIds = (await storage.events.listBoards(eventId)).map((board) => board.id)
  const workshop = await deps.workshops.workshop(eventId)
  // In the event's critical section, so no command stores its state or creates a board halfway through.
  await workshop.run(() => storage.erasing(async () => {
    // The rows go first: from now on no token of the event opens anything, and no board of it can be loaded again.
    await storage.events.deleteEvent(eventId)
    deps.cutOff(eventId, boardIds)
    await deps.registry.discard(boardIds)
    await deps.privateNotes.erase(boardIds)
    for (const boardId of boardIds) {
      await deps.history.whenStored(boardId)
      await storage.boards.deleteBoard(boardId)
      await storage.versions.deleteVersions(boardId)
      await storage.votes.deleteBoardVotes(boardId)
      await deps.assets.deleteBoardAssets(boardId)
    }
    await storage.profiles.deleteProfiles(eventId)
    await storage.matches.deleteMarks(eventId)
    await storage.workshops.deleteState(eventId)
  }))
  await deps.workshops.forget(eventId)
  deps.logger.info({ eventId, boards: boardIds.length }, 'event deleted with everything it stored')
  return true
}
