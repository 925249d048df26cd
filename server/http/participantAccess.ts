import type { ConnectionAccess } from '../sync/SyncSocket.ts'
import type { Workshop } from '../workshop/Workshop.ts'

/** A participant writes unless the board is locked; both are asked live, so a lock or a round takes effect on open connections. */
export function participantBoardAccess(workshop: Workshop, boardId: string): ConnectionAccess {
  return {
    canWrite: () => !workshop.isLocked(boardId),
    // In a silent round a cursor would show where someone writes, and a selection would name their private notes.
    get sharesPresence() {
      return workshop.snapshot.silentRound?.boardId !== boardId || workshop.snapshot.silentRound.status !== 'running'
    },
    facilitates: false,
  }
}

/** Private notes are the author's alone: nobody else's presence is there to see, and none of theirs is relayed. */
export function privateNotesAccess(workshop: Workshop, boardId: string): ConnectionAccess {
  return { canWrite: () => !workshop.isLocked(boardId), sharesPresence: false, facilitates: false }
}
