import type * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { WorkshopHub } from '../workshop/WorkshopHub.ts'
import { countPrivateNotes, parsePrivateNotesDocId, type PrivateNotesOwner } from './privateNotesDoc.ts'
import { withNoteCount } from './silentRoundFeature.ts'

export interface PrivateNoteCounterDeps {
  events: EventStore
  workshops: WorkshopHub
  logger: Logger
}

/**
 * Keeps the silent round's counts in step with the private documents: after
 * each stored change of one, its notes are counted and, if the count moved,
 * the round is changed like by a command (stored, then broadcast). Typing
 * into a note changes no count and so sends nothing.
 */
export class PrivateNoteCounter {
  constructor(private readonly deps: PrivateNoteCounterDeps) {}

  /** True when the document was a private one (it was counted), false for a board. */
  handleStored(docId: string, doc: Y.Doc): boolean {
    const owner = parsePrivateNotesDocId(docId)
    if (!owner) return false
    // Counted now: the room may unload before the workshop's turn comes.
    const count = countPrivateNotes(doc)
    this.update(owner, count).catch((error: unknown) =>
      this.deps.logger.error({ boardId: owner.boardId, err: error }, 'counting private notes failed'),
    )
    return true
  }

  private async update({ boardId, personId }: PrivateNotesOwner, count: number): Promise<void> {
    const board = await this.deps.events.getBoard(boardId)
    if (!board) return
    const workshop = await this.deps.workshops.workshop(board.eventId)
    await workshop.run(async (transaction) => {
      const round = transaction.state.silentRound
      if (!round || round.boardId !== boardId || (round.counts[personId] ?? 0) === count) return
      await transaction.commit({ silentRound: withNoteCount(round, personId, count) })
    })
  }
}
