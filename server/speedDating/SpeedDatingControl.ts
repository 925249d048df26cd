import type { PublicProfile } from '../../shared/profileCard.ts'
import type { MyMatches, SpeedDatingRound, SpeedDatingSettings, SpeedDatingState } from '../../shared/session.ts'
import { planRound, swapPeople, type PairingPerson, type PairingSide, type RoundPlan } from '../../shared/speedDating/planRound.ts'
import type { EventSession } from '../session/EventSession.ts'
import { SessionRefusal } from '../session/EventSession.ts'
import type { SessionStore } from '../session/SessionStore.ts'
import type { EventStore } from '../storage/EventStore.ts'

export interface SpeedDatingDeps {
  sessions: SessionStore
  events: EventStore
  /** Writes both profile cards and a shared notes area onto a new pair board. */
  seedPairBoard: (boardId: string, cards: PublicProfile[], language: 'de' | 'en') => Promise<void>
}

const DEFAULT_SETTINGS: SpeedDatingSettings = { roundMs: 5 * 60_000, imbalance: 'sit-out', institutionsAs: 'either' }

/**
 * Speed-dating rounds of one event: who meets whom (the planner in
 * shared/speedDating), a small board per group, the round timer, and the
 * private follow-up marks that become matches only when they are mutual.
 */
export class SpeedDatingControl {
  constructor(
    private readonly session: EventSession,
    private readonly deps: SpeedDatingDeps,
  ) {}

  async configure(settings: SpeedDatingSettings): Promise<void> {
    await this.session.patch({ speedDating: { ...this.current(), settings } })
  }

  /** Plans and starts the next round with the participants present now; late joiners simply enter the pool. */
  async nextRound(present: readonly string[]): Promise<void> {
    const state = this.current()
    const directory = this.session.snapshot.directory
    const people: PairingPerson[] = present.flatMap((id) => {
      const entry = directory[id]
      return entry ? [{ id, side: entry.side }] : []
    })
    const history = state.rounds.map((round) => ({ groups: round.groups.map((group) => group.members), sittingOut: round.sittingOut }))
    const plan = planRound(people, history, state.settings)
    if (plan.groups.length === 0) throw new SessionRefusal('conflict', 'not enough creatives and companies with a profile card are here for a round')
    const round = await this.materialise(state.rounds.length + 1, plan)
    await this.session.patch({ speedDating: { ...state, rounds: [...state.rounds, round] } })
    await this.session.startTimer({ durationMs: state.settings.roundMs })
  }

  /** The facilitator's hand: swaps two people in the current round (between groups, or with someone sitting out). */
  async swap(a: string, b: string): Promise<string[]> {
    const state = this.current()
    const last = state.rounds.at(-1)
    if (!last) throw new SessionRefusal('conflict', 'no round has started yet')
    const swapped = swapPeople({ groups: last.groups.map((g) => g.members), sittingOut: last.sittingOut, countedAs: this.countedAs(last) }, a, b)
    if (!swapped.ok) throw new SessionRefusal('invalid', `${swapped.id} is not in the current round`)
    const groups = last.groups.map((group, index) => ({ ...group, members: swapped.plan.groups[index] ?? group.members }))
    const round: SpeedDatingRound = { ...last, groups, sittingOut: swapped.plan.sittingOut }
    await this.session.patch({ speedDating: { ...state, rounds: [...state.rounds.slice(0, -1), round] } })
    return swapped.warnings.map((warning) => warning.kind)
  }

  async end(): Promise<void> {
    await this.session.stopTimer()
  }

  /** A private mark about someone this participant met; resolves to the two people whose match list changed. */
  async mark(fromId: string, toId: string, want: boolean, shareContact: boolean): Promise<void> {
    const met = this.current().rounds.some((round) => round.groups.some((g) => g.members.includes(fromId) && g.members.includes(toId)))
    if (!met || fromId === toId) throw new SessionRefusal('invalid', 'you can only mark people you met in a round')
    const eventId = this.session.snapshot.eventId
    await this.deps.sessions.storeMark(eventId, { fromId, toId, want, shareContact })
    const matchCount = await this.deps.sessions.countMutualMatches(eventId)
    if (matchCount !== this.current().matchCount) await this.session.patch({ speedDating: { ...this.current(), matchCount } })
  }

  async matchesOf(participantId: string): Promise<MyMatches> {
    const eventId = this.session.snapshot.eventId
    const marks = await this.deps.sessions.marksInvolving(eventId, participantId)
    const mine = new Map(marks.filter((m) => m.fromId === participantId).map((m) => [m.toId, m]))
    const theirs = new Map(marks.filter((m) => m.toId === participantId).map((m) => [m.fromId, m]))
    const profiles = await this.deps.sessions.loadProfiles(eventId)
    const result: MyMatches = { marked: {}, matches: [] }
    for (const [otherId, mark] of mine) {
      result.marked[otherId] = mark.want
      const other = theirs.get(otherId)
      if (!mark.want || !other?.want) continue
      const card = profiles.get(otherId)
      result.matches.push({
        participantId: otherId,
        name: card?.name ?? '?',
        organisation: card?.organisation ?? '',
        contact: other.shareContact ? (card?.contact ?? '') : null,
      })
    }
    return result
  }

  /**
   * Stored rounds drop the planner's `countedAs`, but swapPeople knows who is
   * in the round by it. Rebuilt from the cards: an institution counts as the
   * settings say, or (when "either") as the side its group lacks.
   */
  private countedAs(round: SpeedDatingRound): Record<string, PairingSide> {
    const { directory } = this.session.snapshot
    const { institutionsAs } = this.current().settings
    const sideOf = (id: string): PairingSide | 'institution' => directory[id]?.side ?? 'institution'
    const counted: Record<string, PairingSide> = {}
    for (const members of [...round.groups.map((group) => group.members), ...round.sittingOut.map((id) => [id])]) {
      const present = new Set(members.map(sideOf))
      for (const id of members) {
        const side = sideOf(id)
        if (side !== 'institution') counted[id] = side
        else if (institutionsAs !== 'either') counted[id] = institutionsAs
        else counted[id] = present.has('kreative') ? 'unternehmen' : 'kreative'
      }
    }
    return counted
  }

  private current(): SpeedDatingState {
    return this.session.snapshot.speedDating ?? { settings: DEFAULT_SETTINGS, rounds: [], matchCount: 0 }
  }

  private async materialise(number: number, plan: RoundPlan): Promise<SpeedDatingRound> {
    const { eventId, directory } = this.session.snapshot
    const groups = []
    for (const [index, members] of plan.groups.entries()) {
      const table = index + 1
      const board = await this.deps.events.createBoard(eventId, `Speeddating · Runde ${number} · Tisch ${table}`, 'leer')
      const cards = members.flatMap((id) => {
        const entry = directory[id]
        return entry ? [entry] : []
      })
      await this.deps.seedPairBoard(board.id, cards, 'de')
      groups.push({ table, boardId: board.id, members })
    }
    return { number, groups, sittingOut: plan.sittingOut }
  }
}
