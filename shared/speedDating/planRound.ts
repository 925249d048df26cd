import { minCostAssignment } from './assignment.ts'
import { PairingHistory, type PastRound } from './history.ts'

export type { PastRound } from './history.ts'

export type PairingSide = 'kreative' | 'unternehmen'

export interface PairingPerson {
  readonly id: string
  readonly side: PairingSide | 'institution'
}

export interface PairingOptions {
  /**
   * When the sides are unequal: 'sit-out' lets the surplus sit out this round;
   * 'trio' seats the surplus as third persons (two of the larger side with one of
   * the smaller). A surplus larger than the number of pairs sits out in both modes,
   * chosen by the same fairness rule as in 'sit-out'.
   */
  readonly imbalance: 'sit-out' | 'trio'
  /** The side institutions count as; 'either' lets the planner put each one where it balances the sides best, round by round. */
  readonly institutionsAs: PairingSide | 'either'
}

export interface RoundPlan {
  /** Pairs and trios; each has at least one person of each counted side. Members are listed kreative first. */
  groups: string[][]
  sittingOut: string[]
  /** The side each person present this round counted as, institutions included. */
  countedAs: Record<string, PairingSide>
}

export type SwapWarning = { kind: 'one-sided-group'; group: string[]; side: PairingSide }

export type SwapResult =
  | { ok: true; plan: RoundPlan; warnings: SwapWarning[] }
  | { ok: false; error: 'not-in-round'; id: string }

interface Entry {
  readonly id: string
  readonly index: number
  readonly configured: PairingPerson['side']
}

/** How often two people present now met in earlier rounds. */
type Meetings = (a: Entry, b: Entry) => number

/** A place next to a smaller-side person; `third` makes the group a trio. */
interface Seat {
  readonly partner: Entry
  readonly group: number
  readonly third: boolean
  readonly wear: number
}

/** One smaller-side person with the one or two larger-side people seated with them. */
interface Group {
  readonly anchor: Entry
  members: Entry[]
}

/**
 * Plans the next round for the people present now. `history` holds the earlier
 * rounds as played (after any manual swaps), oldest first; someone absent from
 * them simply joins the pool.
 *
 * Guarantees (see tests/unit/planRound.test.ts):
 * - Sitting out follows a hard rule: nobody sits out while someone of the same
 *   counted side with a smaller share of sat-out rounds plays (across both sides
 *   when institutions counted as either side can even them out).
 * - Within that rule and the sides people count as, no other plan of the round
 *   repeats fewer kreative–unternehmen pairs; in rounds of pairs none is better on
 *   how often those pairs met, nor on sitting out twice in a row. A minimum-cost
 *   assignment decides, including which of equally entitled people sit out.
 *   Same-side partners in trios are then improved until no single exchange helps.
 * - Same input, same plan; list order breaks remaining ties.
 */
export function planRound(
  people: readonly PairingPerson[],
  history: readonly PastRound[],
  options: PairingOptions,
): RoundPlan {
  const entries = people.map((person, index): Entry => ({ id: person.id, index, configured: person.side }))
  assertUniqueIds(entries)
  const past = new PairingHistory(history)
  const timesMet = past.meetingsAmong(entries.map((entry) => entry.id))
  const met: Meetings = (a, b) => timesMet(a.index, b.index)
  const { kreative, unternehmen } = countSides(entries, options, past, met)
  const kreativeIsLarger = kreative.length >= unternehmen.length
  const [larger, smaller] = kreativeIsLarger ? [kreative, unternehmen] : [unternehmen, kreative]
  const { groups, sittingOut } = seatRound(larger, smaller, options.imbalance, past, met)
  return {
    groups: groups.map(({ anchor, members }) => {
      const others = [...members].sort(byIndex)
      return (kreativeIsLarger ? [...others, anchor] : [anchor, ...others]).map((entry) => entry.id)
    }),
    sittingOut: [...sittingOut].sort(byIndex).map((entry) => entry.id),
    countedAs: Object.fromEntries([
      ...kreative.map((entry) => [entry.id, 'kreative'] as const),
      ...unternehmen.map((entry) => [entry.id, 'unternehmen'] as const),
    ]),
  }
}

/** Plans `roundCount` rounds for a fixed set of people: the whole plan a facilitator can look at in advance. */
export function planRounds(people: readonly PairingPerson[], roundCount: number, options: PairingOptions): RoundPlan[] {
  const plans: RoundPlan[] = []
  for (let round = 0; round < roundCount; round++) plans.push(planRound(people, plans, options))
  return plans
}

/**
 * The facilitator's manual swap: `a` and `b` trade places, between two groups or
 * between a group and the sitters-out. Everyone keeps the side they counted as; a
 * group left with only one side is allowed but listed in `warnings`.
 */
export function swapPeople(plan: RoundPlan, a: string, b: string): SwapResult {
  for (const id of [a, b]) {
    if (!Object.hasOwn(plan.countedAs, id)) return { ok: false, error: 'not-in-round', id }
  }
  const trade = (id: string): string => (id === a ? b : id === b ? a : id)
  const swapped: RoundPlan = {
    groups: plan.groups.map((group) => group.map(trade)),
    sittingOut: plan.sittingOut.map(trade),
    countedAs: plan.countedAs,
  }
  const warnings: SwapWarning[] = []
  for (const group of swapped.groups) {
    const sides = new Set(group.map((id) => plan.countedAs[id]))
    if (sides.size === 1) {
      const [side] = sides
      if (side) warnings.push({ kind: 'one-sided-group', group, side })
    }
  }
  return { ok: true, plan: swapped, warnings }
}

function assertUniqueIds(entries: readonly Entry[]): void {
  const seen = new Set<string>()
  for (const { id } of entries) {
    if (seen.has(id)) throw new Error(`planRound: person id "${id}" appears twice`)
    seen.add(id)
  }
}

const byIndex = (a: Entry, b: Entry): number => a.index - b.index

/** Strongest claim to sit out first; sitting out twice in a row and then list order break ties. */
function bySitOutClaim(past: PairingHistory) {
  return (a: Entry, b: Entry): number =>
    past.compareSitOutShare(a.id, b.id) ||
    Number(past.satOutLast(a.id)) - Number(past.satOutLast(b.id)) ||
    a.index - b.index
}

function countSides(
  entries: readonly Entry[],
  options: PairingOptions,
  past: PairingHistory,
  met: Meetings,
): Record<PairingSide, Entry[]> {
  const fixedSide = (entry: Entry): PairingSide | undefined =>
    entry.configured !== 'institution'
      ? entry.configured
      : options.institutionsAs === 'either'
        ? undefined
        : options.institutionsAs
  const kreative = entries.filter((entry) => fixedSide(entry) === 'kreative')
  const unternehmen = entries.filter((entry) => fixedSide(entry) === 'unternehmen')
  const flexible = entries.filter((entry) => fixedSide(entry) === undefined)

  if (flexible.length <= Math.abs(kreative.length - unternehmen.length)) {
    const fewer = kreative.length <= unternehmen.length ? kreative : unternehmen
    fewer.push(...flexible)
    return { kreative: kreative.sort(byIndex), unternehmen: unternehmen.sort(byIndex) }
  }

  // Enough institutions to even the sides out; with an odd total one side is one larger.
  const total = entries.length
  let largerSide: PairingSide = kreative.length >= unternehmen.length ? 'kreative' : 'unternehmen'
  let pinned: Entry | undefined
  if (total % 2 === 1 && options.imbalance === 'sit-out') {
    // The one sitting out comes from the larger side, so that side must hold whoever has the strongest claim.
    const first = [...entries].sort(bySitOutClaim(past))[0]
    const side = first && fixedSide(first)
    if (side) largerSide = side
    else pinned = first
  }
  const newPartners = (entry: Entry, others: readonly Entry[]): number =>
    others.filter((other) => met(entry, other) === 0).length
  // Counted as kreative, an institution meets the unternehmen side; it goes where more of them are new to it.
  const leaning = new Map(flexible.map((entry) => [entry, newPartners(entry, unternehmen) - newPartners(entry, kreative)]))
  const ranked = flexible
    .filter((entry) => entry !== pinned)
    .sort((a, b) => (leaning.get(b) ?? 0) - (leaning.get(a) ?? 0) || a.index - b.index)
  if (pinned) {
    if (largerSide === 'kreative') ranked.unshift(pinned)
    else ranked.push(pinned)
  }
  const toKreative = (largerSide === 'kreative' ? Math.ceil(total / 2) : Math.floor(total / 2)) - kreative.length
  kreative.push(...ranked.slice(0, toKreative))
  unternehmen.push(...ranked.slice(toKreative))
  return { kreative: kreative.sort(byIndex), unternehmen: unternehmen.sort(byIndex) }
}

function seatRound(
  larger: readonly Entry[],
  smaller: readonly Entry[],
  imbalance: PairingOptions['imbalance'],
  past: PairingHistory,
  met: Meetings,
): { groups: Group[]; sittingOut: Entry[] } {
  if (smaller.length === 0) return { groups: [], sittingOut: [...larger] }
  const surplus = larger.length - smaller.length
  const sitterCount = imbalance === 'trio' ? Math.max(0, surplus - smaller.length) : surplus

  // Fairness is a hard rule: a strictly stronger claim to sit out means sitting out.
  // Among equal claims the assignment chooses, so the choice can avoid repeated meetings too.
  const boundary = [...larger].sort(bySitOutClaim(past))[sitterCount - 1]
  const claim = (entry: Entry): number => (boundary ? past.compareSitOutShare(entry.id, boundary.id) : 1)
  const mustSit = larger.filter((entry) => claim(entry) < 0)
  const players = larger.filter((entry) => claim(entry) >= 0)

  // A third seat uses up two of the partner's unmet people at once; giving it to
  // those with the most left keeps new pairs possible in later rounds.
  const wear = (partner: Entry): number => larger.filter((other) => met(other, partner) > 0).length
  const seats: Seat[] = smaller.map((partner, group) => ({ partner, group, third: false, wear: 0 }))
  if (imbalance === 'trio' && surplus > 0) {
    seats.push(...smaller.map((partner, group) => ({ partner, group, third: true, wear: wear(partner) })))
  }

  const n = Math.max(players.length, seats.length)
  let maxMet = 0
  for (const person of players) {
    for (const partner of smaller) maxMet = Math.max(maxMet, met(person, partner))
  }
  // Cost tiers, each outweighing everything the tiers below can add up to:
  // a repeated meeting, then how often the pair met before, then (one tier)
  // third-seat wear and sitting out twice in a row.
  const perTimeMet = n * (larger.length + 1) + 1
  const perRepeat = perTimeMet * (n * maxMet + 1)
  const meetingCost = (times: number): number => (times === 0 ? 0 : perRepeat + perTimeMet * times)
  const cheapTotal = n * (meetingCost(maxMet) + larger.length + 1)
  // Every smaller-side person gets a partner before anyone gets a third seat.
  const thirdSeatCost = cheapTotal + 1
  const seatCost = (person: Entry, seat: Seat): number =>
    meetingCost(met(person, seat.partner)) + (seat.third ? thirdSeatCost + seat.wear : 0)

  const groups: Group[] = smaller.map((anchor) => ({ anchor, members: [] }))
  const take = (seat: Seat | undefined, person: Entry | undefined): void => {
    if (seat && person) groups[seat.group]?.members.push(person)
  }
  const sittingOut = [...mustSit]
  if (players.length <= seats.length) {
    const cost = costMatrix(players, seats, seatCost)
    minCostAssignment(players.length, seats.length, cost).forEach((seat, person) => take(seats[seat], players[person]))
  } else {
    // Every seat gets taken and whoever is left sits out. Playing earns a bonus:
    // more than everything else together for those with a weaker claim to sit
    // out, and for the equally entitled whether they sat out last round.
    const mustPlay = n * thirdSeatCost + cheapTotal + 1
    const bonus = (person: Entry): number => (claim(person) > 0 ? mustPlay : Number(past.satOutLast(person.id)))
    const cost = costMatrix(seats, players, (seat, person) => seatCost(person, seat) - bonus(person))
    const seated = new Set<Entry>()
    minCostAssignment(seats.length, players.length, cost).forEach((person, seat) => {
      const player = players[person]
      take(seats[seat], player)
      if (player) seated.add(player)
    })
    sittingOut.push(...players.filter((person) => !seated.has(person)))
  }
  if (seats.length > smaller.length) improveTrioPartners(groups, met)
  return { groups, sittingOut }
}

function costMatrix<R, C>(rows: readonly R[], cols: readonly C[], cost: (row: R, col: C) => number): Float64Array {
  const matrix = new Float64Array(rows.length * cols.length)
  rows.forEach((row, r) => cols.forEach((col, c) => (matrix[r * cols.length + c] = cost(row, col))))
  return matrix
}

/**
 * In a trio the two larger-side people meet each other too. The assignment cannot
 * see that (it is not a cost between a row and a column), so exchanges of
 * larger-side people between groups repair it until no single exchange helps.
 * Order of concern: repeated kreative–unternehmen pairs (which the exchanges can
 * never lower below the assignment's optimum), repeated same-side pairs, then
 * how often the repeated pairs met before.
 */
function improveTrioPartners(groups: readonly Group[], met: Meetings): void {
  type Score = [crossRepeats: number, sameRepeats: number, crossTimes: number, sameTimes: number]
  const score = (a: Group, b: Group): Score => {
    const total: Score = [0, 0, 0, 0]
    for (const { anchor, members } of [a, b]) {
      for (const member of members) {
        const times = met(anchor, member)
        total[0] += Math.min(times, 1)
        total[2] += times
      }
      const [first, second] = members
      if (first && second) {
        const times = met(first, second)
        total[1] += Math.min(times, 1)
        total[3] += times
      }
    }
    return total
  }
  const lower = (x: Score, y: Score): boolean => (x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3]) < 0
  const exchange = (a: Group, x: Entry, b: Group, y: Entry): void => {
    a.members = a.members.map((member) => (member === x ? y : member))
    b.members = b.members.map((member) => (member === y ? x : member))
  }
  const improvePair = (a: Group, b: Group): boolean => {
    for (const x of a.members) {
      for (const y of b.members) {
        const before = score(a, b)
        exchange(a, x, b, y)
        if (lower(score(a, b), before)) return true
        exchange(a, y, b, x)
      }
    }
    return false
  }

  let improved = true
  while (improved) {
    improved = false
    for (const [i, a] of groups.entries()) {
      for (const b of groups.slice(i + 1)) {
        if (a.members.length + b.members.length > 2 && improvePair(a, b)) improved = true
      }
    }
  }
}
