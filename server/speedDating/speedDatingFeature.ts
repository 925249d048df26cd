import { planRound, swapPeople, type PairingPerson, type PairingSide, type RoundPlan } from '../../shared/speedDating/planRound.ts'
import type { SpeedDatingRound, SpeedDatingSettings, SpeedDatingState, WorkshopState } from '../../shared/workshop/index.ts'
import type { PersonCard } from '../boards/boardSeeding.ts'
import { myMatches } from './myMatches.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { MatchMark, MatchStore } from '../storage/MatchStore.ts'
import type { ProfileStore } from '../storage/ProfileStore.ts'
import { WorkshopRefusal } from '../workshop/WorkshopRefusal.ts'
import type { WorkshopFeature } from '../workshop/WorkshopFeature.ts'

export interface SpeedDatingDeps {
  events: EventStore
  matches: MatchStore
  profiles: ProfileStore
  now: () => number
  /** Writes both profile cards and a shared notes area onto a new pair board. */
  seedPairBoard: (boardId: string, people: PersonCard[], language: 'de' | 'en') => Promise<void>
  /** The event's screens list its boards; they reload when a round adds some. */
  boardsCreated: (eventId: string) => void
}

const DEFAULT_SETTINGS: SpeedDatingSettings = { roundMs: 5 * 60_000, imbalance: 'sit-out', institutionsAs: 'either' }

function current(state: WorkshopState): SpeedDatingState {
  return state.speedDating ?? { settings: DEFAULT_SETTINGS, rounds: [], status: 'configured', roundEndsAt: null, matchCount: 0 }
}

function isMutual(marks: readonly MatchMark[], a: string, b: string): boolean {
  const wants = (from: string, to: string) => marks.some((mark) => mark.fromId === from && mark.toId === to && mark.want)
  return wants(a, b) && wants(b, a)
}

function sharesContact(marks: readonly MatchMark[], from: string, to: string): boolean {
  return marks.some((mark) => mark.fromId === from && mark.toId === to && mark.shareContact)
}

/**
 * Speed-dating rounds of one event: who meets whom (the planner in
 * shared/speedDating), a small board per group, the round timer, and the
 * private follow-up marks that become matches only when they are mutual.
 */
export function speedDatingFeature(deps: SpeedDatingDeps): WorkshopFeature {
  async function materialise(state: WorkshopState, number: number, plan: RoundPlan): Promise<SpeedDatingRound> {
    const groups = []
    for (const [index, members] of plan.groups.entries()) {
      const table = index + 1
      const board = await deps.events.createBoard(state.eventId, `Speeddating · Runde ${number} · Tisch ${table}`, 'leer')
      const people = members.flatMap((personId) => {
        const card = state.directory[personId]
        return card ? [{ personId, card }] : []
      })
      await deps.seedPairBoard(board.id, people, 'de')
      groups.push({ table, boardId: board.id, members })
    }
    if (groups.length > 0) deps.boardsCreated(state.eventId)
    return { number, groups, sittingOut: plan.sittingOut }
  }

  return {
    name: 'speed-dating',
    slices: { speedDating: null },
    commands: {
      'speed:configure': async (settings, { workshop }) => {
        const state = current(workshop.state)
        await workshop.commit({ speedDating: { ...state, settings: { ...state.settings, ...settings } } })
      },
      // Plans and starts the next round with the people present now; late joiners simply enter the pool.
      'speed:next': async ({ afterRound }, { workshop, channel }) => {
        const state = current(workshop.state)
        if (afterRound !== state.rounds.length) throw new WorkshopRefusal('stale', `round ${state.rounds.length} has already started`)
        if (state.status === 'ended') throw new WorkshopRefusal('conflict', 'speed-dating is finished')
        const people: PairingPerson[] = (await channel.presentParticipants()).flatMap((id) => {
          const entry = workshop.state.directory[id]
          return entry ? [{ id, side: entry.side }] : []
        })
        const history = state.rounds.map((round) => ({ groups: round.groups.map((group) => group.members), sittingOut: round.sittingOut }))
        const plan = planRound(people, history, state.settings)
        if (plan.groups.length === 0) throw new WorkshopRefusal('conflict', 'not enough creatives and companies with a profile card are here for a round')
        const round = await materialise(workshop.state, state.rounds.length + 1, plan)
        await workshop.commit({
          speedDating: { ...state, rounds: [...state.rounds, round], status: 'running', roundEndsAt: deps.now() + state.settings.roundMs },
        })
      },
      // The facilitator's hand: swaps two people in the current round (between groups, or with someone sitting out).
      'speed:swap': async ({ round: number, a, b }, { workshop }) => {
        const state = current(workshop.state)
        const last = state.rounds.at(-1)
        if (!last) throw new WorkshopRefusal('conflict', 'no round has started yet')
        if (last.number !== number) throw new WorkshopRefusal('stale', `round ${last.number} is the current round now`)
        const swapped = swapPeople(
          { groups: last.groups.map((g) => g.members), sittingOut: last.sittingOut, countedAs: countedAs(workshop.state, last) },
          a,
          b,
        )
        if (!swapped.ok) throw new WorkshopRefusal('invalid', `${swapped.id} is not in the current round`)
        const groups = last.groups.map((group, index) => ({ ...group, members: swapped.plan.groups[index] ?? group.members }))
        const round: SpeedDatingRound = { ...last, groups, sittingOut: swapped.plan.sittingOut }
        await workshop.commit({ speedDating: { ...state, rounds: [...state.rounds.slice(0, -1), round] } })
      },
      // Ends the running round early; the next round can follow.
      'speed:end': async ({ round }, { workshop }) => {
        const state = current(workshop.state)
        if (round !== state.rounds.length || state.status !== 'running') throw new WorkshopRefusal('stale', `round ${round} is not running`)
        await workshop.commit({ speedDating: { ...state, status: 'over', roundEndsAt: null } })
      },
      // No more rounds: phones keep only the follow-up marks.
      'speed:finish': async (_payload, { workshop }) => {
        const state = current(workshop.state)
        if (state.status === 'ended') return
        await workshop.commit({ speedDating: { ...state, status: 'ended', roundEndsAt: null } })
      },
      // A private mark about someone the sender met. The other person hears of it only when it completes a match.
      'match:mark': async ({ otherId, want, shareContact }, { workshop, sender, channel }) => {
        const fromId = sender.personId
        const met = current(workshop.state).rounds.some((round) => round.groups.some((g) => g.members.includes(fromId) && g.members.includes(otherId)))
        if (!met || fromId === otherId) throw new WorkshopRefusal('invalid', 'you can only mark people you met in a round')
        const eventId = workshop.state.eventId
        const before = await deps.matches.marksInvolving(eventId, fromId)
        await deps.matches.storeMark(eventId, { fromId, toId: otherId, want, shareContact })
        const after = await deps.matches.marksInvolving(eventId, fromId)
        const matchCount = await deps.matches.countMutualMatches(eventId)
        const state = current(workshop.state)
        if (matchCount !== state.matchCount) await workshop.commit({ speedDating: { ...state, matchCount } })
        channel.sendMatches(fromId, await myMatches(deps, eventId, fromId))
        const completes = isMutual(after, fromId, otherId) && (!isMutual(before, fromId, otherId) || sharesContact(before, fromId, otherId) !== shareContact)
        if (completes) channel.sendMatches(otherId, await myMatches(deps, eventId, otherId))
      },
    },
    deadlines: (state) => {
      const speedDating = state.speedDating
      const endsAt = speedDating?.roundEndsAt
      if (speedDating?.status !== 'running' || endsAt === null || endsAt === undefined) return []
      const number = speedDating.rounds.length
      return [
        {
          at: endsAt,
          run: async (workshop) => {
            const now = current(workshop.state)
            if (now.status !== 'running' || now.rounds.length !== number || now.roundEndsAt !== endsAt) return
            await workshop.commit({ speedDating: { ...now, status: 'over', roundEndsAt: null } })
          },
        },
      ]
    },
    onJoin: async (sender, state, channel) => {
      channel.sendMatches(sender.personId, await myMatches(deps, state.eventId, sender.personId))
    },
    // The match count moves when someone withdraws a mark: only facilitators see it.
    redactForParticipants: (state) => (state.speedDating ? { ...state, speedDating: { ...state.speedDating, matchCount: null } } : state),
  }
}

/**
 * Stored rounds drop the planner's `countedAs`, but swapPeople knows who is
 * in the round by it. Rebuilt from the cards: an institution counts as the
 * settings say, or (when "either") as the side its group lacks.
 */
function countedAs(state: WorkshopState, round: SpeedDatingRound): Record<string, PairingSide> {
  const { directory } = state
  const { institutionsAs } = current(state).settings
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
