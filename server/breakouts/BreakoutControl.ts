import type { BreakoutsState } from '../../shared/session.ts'
import { mixGroups, type GroupMember } from '../../shared/breakouts/mixGroups.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import type { EventSession } from '../session/EventSession.ts'
import { SessionRefusal } from '../session/EventSession.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { copyNotesIntoCanvas, notesOfSelection } from './copyNotes.ts'

export interface BreakoutDeps {
  events: EventStore
  documents: BoardDocuments
  /** Seeds a new board with the Cross-Innovation-Canvas in the event's language. */
  seedCanvas: (boardId: string) => Promise<void>
}

export interface BreakoutRequest {
  sourceBoardId: string
  groups: Array<{ title: string; shapeIds: string[] }>
  assignment: BreakoutsState['assignment']
}

/**
 * Group boards for the workshop: one Cross-Innovation-Canvas per selection of
 * the Ideenschmiede board, with copies of the selected notes, and who works
 * where — mixed automatically, assigned by hand, or chosen by each person.
 */
export class BreakoutControl {
  constructor(
    private readonly session: EventSession,
    private readonly deps: BreakoutDeps,
  ) {}

  async create(request: BreakoutRequest, present: readonly string[]): Promise<void> {
    const { eventId, directory } = this.session.snapshot
    const source = await this.deps.events.getBoard(request.sourceBoardId)
    if (!source || source.eventId !== eventId) throw new SessionRefusal('invalid', 'no such board in this event')
    const sourceRecords = await this.deps.documents.inspect(source.id, (doc) => notesOfSelection(doc, request.groups.map((g) => g.shapeIds)))
    const members: GroupMember[] = present.flatMap((id) => {
      const entry = directory[id]
      return entry ? [{ id, side: entry.side }] : []
    })
    const seats = request.assignment === 'mixed' ? mixGroups(members, request.groups.length) : request.groups.map(() => [])
    const groups = []
    for (const [index, group] of request.groups.entries()) {
      const board = await this.deps.events.createBoard(eventId, group.title, 'cross-innovation-canvas')
      await this.deps.seedCanvas(board.id)
      const notes = sourceRecords[index] ?? []
      if (notes.length > 0) await this.deps.documents.change(board.id, (doc) => copyNotesIntoCanvas(doc, notes))
      groups.push({ boardId: board.id, title: group.title, members: seats[index] ?? [] })
    }
    await this.session.patch({ breakouts: { sourceBoardId: source.id, assignment: request.assignment, groups } })
  }

  async assign(participantId: string, groupIndex: number): Promise<void> {
    await this.seat(participantId, groupIndex)
  }

  async choose(participantId: string, groupIndex: number): Promise<void> {
    if (this.require().assignment !== 'choice') throw new SessionRefusal('forbidden', 'the facilitator assigns the groups this time')
    await this.seat(participantId, groupIndex)
  }

  async end(): Promise<void> {
    this.require()
    await this.session.patch({ breakouts: null })
  }

  private async seat(participantId: string, groupIndex: number): Promise<void> {
    const breakouts = this.require()
    if (!breakouts.groups[groupIndex]) throw new SessionRefusal('invalid', `there are ${breakouts.groups.length} groups`)
    const groups = breakouts.groups.map((group, index) => ({
      ...group,
      members: index === groupIndex ? [...group.members.filter((id) => id !== participantId), participantId] : group.members.filter((id) => id !== participantId),
    }))
    await this.session.patch({ breakouts: { ...breakouts, groups } })
  }

  private require(): BreakoutsState {
    const breakouts = this.session.snapshot.breakouts
    if (!breakouts) throw new SessionRefusal('conflict', 'there are no group boards right now')
    return breakouts
  }
}
