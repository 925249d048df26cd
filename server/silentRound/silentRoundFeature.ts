import type { SilentRound, WorkshopState } from '../../shared/workshop/index.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { assertBoardOfEvent } from '../workshop/boardOfEvent.ts'
import { runningTimer } from '../workshop/features/agenda.ts'
import { WorkshopRefusal } from '../workshop/WorkshopRefusal.ts'
import type { WorkshopFeature } from '../workshop/WorkshopFeature.ts'
import type { NoteAuthor } from './revealPrivateNotes.ts'

export interface SilentRoundDeps {
  events: EventStore
  now: () => number
  /** Moves these authors' private notes of the board onto it, in one change. */
  reveal: (boardId: string, authors: readonly NoteAuthor[]) => Promise<void>
}

function requireRound(state: WorkshopState): SilentRound {
  if (!state.silentRound) throw new WorkshopRefusal('conflict', 'there is no silent round')
  return state.silentRound
}

/** The round with one person's count of unrevealed notes set; a person without any is left out. */
export function withNoteCount(round: SilentRound, personId: string, count: number): SilentRound {
  const { [personId]: _previous, ...others } = round.counts
  const counts = count > 0 ? { ...others, [personId]: count } : others
  return { ...round, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) }
}

/**
 * Stille Ideensammlung: a round in which everyone writes notes on a board
 * that only they can see, until the facilitator reveals them. The notes
 * themselves never pass through here; this feature keeps the round and the
 * counts (kept current from the private documents, see PrivateNoteCounter).
 */
export function silentRoundFeature({ events, now, reveal }: SilentRoundDeps): WorkshopFeature {
  return {
    name: 'silentRound',
    slices: { silentRound: null },
    commands: {
      'silent:start': async ({ boardId, durationMs }, { workshop }) => {
        await assertBoardOfEvent(events, workshop.state.eventId, boardId)
        const current = workshop.state.silentRound
        if (current?.status === 'running') throw new WorkshopRefusal('conflict', 'a silent round is running; reveal it or end it first')
        // The state holds one round: another board's unrevealed notes would lose their count and could never be revealed.
        if (current && current.boardId !== boardId && current.total > 0) {
          throw new WorkshopRefusal('conflict', 'notes of a silent round on another board are not revealed yet; reveal them first')
        }
        // Unrevealed notes of an earlier round on this board are still their authors' and count on.
        const kept = current?.boardId === boardId ? current : null
        await workshop.commit({
          silentRound: { boardId, status: 'running', counts: kept?.counts ?? {}, total: kept?.total ?? 0 },
          ...(durationMs === null ? {} : { timer: runningTimer(now(), durationMs) }),
        })
      },
      'silent:reveal': async ({ personId }, { workshop }) => {
        const round = requireRound(workshop.state)
        if (personId !== null && !(personId in round.counts)) throw new WorkshopRefusal('conflict', 'this person has no unrevealed notes')
        const people = personId === null ? Object.keys(round.counts) : [personId]
        const directory = workshop.state.directory
        await reveal(
          round.boardId,
          people.map((id) => ({ personId: id, name: directory[id]?.name ?? null, side: directory[id]?.side ?? null })),
        )
        const rest = people.reduce((left, id) => withNoteCount(left, id, 0), round)
        const over = personId === null || (rest.status === 'ended' && rest.total === 0)
        await workshop.commit({ silentRound: over ? null : rest })
      },
      'silent:end': async (_payload, { workshop }) => {
        const round = requireRound(workshop.state)
        if (round.status !== 'running') throw new WorkshopRefusal('conflict', 'the silent round has already ended')
        await workshop.commit({ silentRound: round.total === 0 ? null : { ...round, status: 'ended' } })
      },
    },
    // Who wrote how much is for facilitators; the room sees only the total.
    redactForParticipants: (state) => (state.silentRound ? { ...state, silentRound: { ...state.silentRound, counts: {} } } : state),
  }
}
