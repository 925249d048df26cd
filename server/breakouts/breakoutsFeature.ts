import { assignGroups, type GroupMember } from '../../shared/breakouts/assignGroups.ts'
import { readNoteAuthorId } from '../../shared/noteMeta.ts'
import type { BreakoutsState, WorkshopState } from '../../shared/workshop/index.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { WorkshopTransaction } from '../workshop/Workshop.ts'
import { WorkshopRefusal } from '../workshop/WorkshopRefusal.ts'
import type { WorkshopFeature } from '../workshop/WorkshopFeature.ts'
import { copyNotesIntoCanvas, notesOfSelection } from './copyNotes.ts'

export interface BreakoutsDeps {
  events: EventStore
  documents: BoardDocuments
  /** Seeds a new board with the Cross-Innovation-Canvas in the event's language. */
  seedCanvas: (boardId: string) => Promise<void>
  /** The event's screens list its boards (the projector shows the group boards); they reload when some are added. */
  boardsCreated: (eventId: string) => void
}

function requireBreakouts(state: WorkshopState): BreakoutsState {
  if (!state.breakouts) throw new WorkshopRefusal('conflict', 'there are no group boards right now')
  return state.breakouts
}

async function seat(workshop: WorkshopTransaction, personId: string, groupIndex: number): Promise<void> {
  const breakouts = requireBreakouts(workshop.state)
  if (!breakouts.groups[groupIndex]) throw new WorkshopRefusal('invalid', `there are ${breakouts.groups.length} groups`)
  const groups = breakouts.groups.map((group, index) => {
    const others = group.members.filter((id) => id !== personId)
    return { ...group, members: index === groupIndex ? [...others, personId] : others }
  })
  await workshop.commit({ breakouts: { ...breakouts, groups } })
}

/**
 * Group boards for the workshop: one Cross-Innovation-Canvas per selection of
 * the Ideenschmiede board, with copies of the selected notes, and who works
 * where: automatically (people to the group with their own notes, sides
 * mixed; see assignGroups), assigned by hand, or chosen by each person.
 */
export function breakoutsFeature(deps: BreakoutsDeps): WorkshopFeature {
  return {
    name: 'breakouts',
    slices: { breakouts: null },
    commands: {
      'breakout:create': async (request, { workshop, channel }) => {
        const { eventId, directory } = workshop.state
        if (workshop.state.breakouts) throw new WorkshopRefusal('conflict', 'group boards are running; end them first')
        const source = await deps.events.getBoard(request.sourceBoardId)
        if (!source || source.eventId !== eventId) throw new WorkshopRefusal('invalid', 'no such board in this event')
        const sourceRecords = await deps.documents.inspect(source.id, (doc) => notesOfSelection(doc, request.groups.map((g) => g.shapeIds)))
        const members: GroupMember[] = (await channel.presentParticipants()).flatMap((id) => {
          const entry = directory[id]
          return entry ? [{ id, side: entry.side }] : []
        })
        const authors = sourceRecords.map((notes) => notes.flatMap((note) => readNoteAuthorId(note.meta) ?? []))
        const seats = request.assignment === 'mixed' ? assignGroups(members, authors) : request.groups.map(() => [])
        const groups = []
        for (const [index, group] of request.groups.entries()) {
          const board = await deps.events.createBoard(eventId, group.title, 'cross-innovation-canvas')
          await deps.seedCanvas(board.id)
          const notes = sourceRecords[index] ?? []
          if (notes.length > 0) await deps.documents.change(board.id, (doc) => copyNotesIntoCanvas(doc, notes))
          groups.push({ boardId: board.id, title: group.title, members: seats[index] ?? [] })
        }
        deps.boardsCreated(eventId)
        await workshop.commit({ breakouts: { sourceBoardId: source.id, assignment: request.assignment, groups } })
      },
      'breakout:assign': ({ personId, group }, { workshop }) => seat(workshop, personId, group),
      'breakout:choose': async ({ group }, { workshop, sender }) => {
        if (requireBreakouts(workshop.state).assignment !== 'choice') throw new WorkshopRefusal('conflict', 'the facilitator assigns the groups this time')
        await seat(workshop, sender.personId, group)
      },
      'breakout:end': async (_payload, { workshop }) => {
        requireBreakouts(workshop.state)
        await workshop.commit({ breakouts: null })
      },
    },
  }
}
