import { ANONYMOUS_NOTE_AUTHOR, readNoteAuthorId } from '../../shared/noteMeta.ts'
import type { MyData } from '../../shared/privacy.ts'
import { retentionEndsAt } from '../../shared/retention.ts'
import { richTextToPlainText } from '../../shared/richText.ts'
import type { VoteState } from '../../shared/workshop/index.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import type { BoardHistory } from '../boards/BoardHistory.ts'
import { isShapeRecord } from '../boards/shapeRecords.ts'
import type { Logger } from '../logger.ts'
import type { PrivateNotesEraser } from '../silentRound/PrivateNotesEraser.ts'
import { withNoteCount } from '../silentRound/silentRoundFeature.ts'
import type { Storage } from '../storage/Storage.ts'
import type { WorkshopHub } from '../workshop/WorkshopHub.ts'
import { newId } from '../ids.ts'
import { anonymiseBoard } from './anonymiseBoard.ts'
import { peopleIn, pseudonymise } from './pseudonymise.ts'

export interface PersonalDataDeps {
  storage: Storage
  documents: BoardDocuments
  history: Pick<BoardHistory, 'whenStored'>
  workshops: WorkshopHub
  privateNotes: Pick<PrivateNotesEraser, 'erase'>
  /** Deletes the event's device links (all, or the one of `linkId`) and cuts off their connections. */
  deleteDevices: (eventId: string, linkId?: string) => Promise<void>
  /** Ends joining the event: its participant links and codes stop working. */
  closeJoining: (eventId: string) => Promise<void>
  /** Closes a person's workshop connections, so their name leaves the roster. */
  cutOffPerson: (eventId: string, personId: string) => void
  /** Sends people their speed-dating matches again after someone they matched left. */
  resendMatches: (eventId: string, personIds: readonly string[]) => Promise<void>
  now: () => number
  logger: Logger
}

/**
 * What the server keeps about people, and how it lets go of it: everyone's
 * at the end of the event's retention period, or one person's when they ask.
 * Boards stay; notes keep their text and name "Teilnehmer:in" as author.
 */
export class PersonalData {
  constructor(private readonly deps: PersonalDataDeps) {}

  /** The retention period ran out: names, contacts, profiles, marks and device links go. */
  async removeEventPersonalData(eventId: string): Promise<void> {
    const { storage } = this.deps
    const workshop = await this.deps.workshops.workshop(eventId)
    await workshop.run((transaction) => storage.erasing(async () => {
      await storage.profiles.deleteProfiles(eventId)
      await storage.matches.deleteMarks(eventId)
      // Whoever joined after this would leave personal data that no later pass removes.
      await this.deps.closeJoining(eventId)
      await this.deps.deleteDevices(eventId)
      const boards = await storage.events.listBoards(eventId)
      for (const board of boards) {
        await anonymiseBoard(this.boardDeps, board.id, { everyone: true })
      }
      // Notes nobody revealed in all this time are drafts with their author's words: they go, and so does the round waiting for them.
      await this.deps.privateNotes.erase(boards.map((board) => board.id))
      const { vote } = transaction.state
      const renamed = new Map([...peopleIn(transaction.state)].map((id) => [id, newId()]))
      await transaction.commit({ ...pseudonymise(transaction.state, renamed), directory: {}, vote: vote ? { ...vote, voters: null } : null, silentRound: null })
      await storage.events.updateEvent(eventId, { personalDataRemovedAt: new Date(this.deps.now()).toISOString() })
    }))
    this.deps.logger.info({ eventId }, 'personal data of the event removed at the end of its retention period')
  }

  /** A person deletes their own data: they leave the roster, the directory and every match; their notes stay without their name. */
  async forgetPerson(eventId: string, personId: string): Promise<void> {
    const { storage } = this.deps
    const workshop = await this.deps.workshops.workshop(eventId)
    await workshop.run((transaction) => storage.erasing(async () => {
      const formerMatches = (await storage.matches.marksInvolving(eventId, personId)).map((mark) => (mark.fromId === personId ? mark.toId : mark.fromId))
      const boards = await storage.events.listBoards(eventId)
      const vote = transaction.state.vote
      const voters = vote?.voters ? await this.votersWithout(vote, personId) : null
      await storage.profiles.deleteProfiles(eventId, personId)
      await storage.matches.deleteMarks(eventId, personId)
      for (const board of boards) await anonymiseBoard(this.boardDeps, board.id, { personId })
      // Unrevealed notes are only theirs: they go, and the round no longer counts them.
      await this.deps.privateNotes.erase(boards.map((board) => board.id), personId)
      const { silentRound } = transaction.state
      const { [personId]: _gone, ...directory } = transaction.state.directory
      const renamed = new Map([[personId, newId()]])
      await transaction.commit({
        ...pseudonymise(transaction.state, renamed),
        directory,
        vote: vote ? { ...vote, voters } : null,
        silentRound: silentRound ? withNoteCount(silentRound, personId, 0) : null,
      })
      await this.deps.deleteDevices(eventId, personId)
      this.deps.cutOffPerson(eventId, personId)
      await this.deps.resendMatches(eventId, [...new Set(formerMatches)])
    }))
    // Not even the person id: it stood for them in the notes and marks just anonymised.
    this.deps.logger.info({ eventId }, 'a person deleted their data')
  }

  /** Everything stored about the person in this event, as they may see and download it. */
  async collect(eventId: string, personId: string): Promise<MyData | null> {
    const { storage } = this.deps
    const event = await storage.events.getEvent(eventId)
    if (!event) return null
    const profiles = await storage.profiles.loadProfiles(eventId)
    const marks = (await storage.matches.marksInvolving(eventId, personId))
      .filter((mark) => mark.fromId === personId)
      .map((mark) => ({ personId: mark.toId, name: profiles.get(mark.toId)?.name ?? null, followUp: mark.want, shareContact: mark.shareContact }))
    const notes: MyData['notes'] = []
    for (const board of await storage.events.listBoards(eventId)) {
      const content = await this.deps.documents.read(board.id)
      for (const record of content.records) {
        if (!isShapeRecord(record) || record.type !== 'note' || readNoteAuthorId(record.meta) !== personId) continue
        notes.push({ board: board.title, text: richTextToPlainText(record.props.richText) })
      }
    }
    return {
      event: { id: event.id, title: event.title, date: event.date },
      personId,
      profile: profiles.get(personId) ?? null,
      marks,
      notes,
      removedAfter: retentionEndsAt(event).toISOString(),
    }
  }

  private get boardDeps() {
    return { documents: this.deps.documents, history: this.deps.history, versions: this.deps.storage.versions, votes: this.deps.storage.votes }
  }

  /** The revealed vote's names without this person's: their dots still count, they are no longer named. */
  private async votersWithout(vote: VoteState, personId: string): Promise<VoteState['voters']> {
    const voters = Object.fromEntries(Object.entries(vote.voters ?? {}).map(([shapeId, names]) => [shapeId, [...names]]))
    for (const dot of await this.deps.storage.votes.allDots(vote.id)) {
      if (dot.personId !== personId) continue
      const names = voters[dot.shapeId]
      const at = names?.indexOf(dot.personName ?? '?') ?? -1
      if (names && at >= 0) names.splice(at, 1, ANONYMOUS_NOTE_AUTHOR)
    }
    return voters
  }
}
