import type { RoundPlan } from './planRound.ts'

/** What the planner needs to remember of a played round; `countedAs` may be dropped when storing rounds. */
export type PastRound = Pick<RoundPlan, 'groups' | 'sittingOut'>

/** Who met whom and who sat out how often, read once from the earlier rounds. */
export class PairingHistory {
  private readonly meetings = new Map<string, Map<string, number>>()
  private readonly presentRounds = new Map<string, number>()
  private readonly sitOuts = new Map<string, number>()
  private readonly satOutLastRound: ReadonlySet<string>

  constructor(rounds: readonly PastRound[]) {
    for (const round of rounds) {
      for (const group of round.groups) {
        for (const id of group) this.bump(this.presentRounds, id)
        group.forEach((a, i) => {
          for (const b of group.slice(i + 1)) this.recordMeeting(a, b)
        })
      }
      for (const id of round.sittingOut) {
        this.bump(this.presentRounds, id)
        this.bump(this.sitOuts, id)
      }
    }
    this.satOutLastRound = new Set(rounds.at(-1)?.sittingOut ?? [])
  }

  /**
   * Negative when `a` has the stronger claim to sit out next. The claim is the
   * share of sat-out rounds the person would have afterwards, (s + 1) / (p + 1)
   * over the p rounds they were present for: for people present equally long it
   * is just "fewest sit-outs first", and a late joiner (1 / 1) comes last, so
   * arriving does not mean waiting.
   */
  compareSitOutShare(a: string, b: string): number {
    const sitA = this.sitOuts.get(a) ?? 0
    const sitB = this.sitOuts.get(b) ?? 0
    const presentA = this.presentRounds.get(a) ?? 0
    const presentB = this.presentRounds.get(b) ?? 0
    return (sitA + 1) * (presentB + 1) - (sitB + 1) * (presentA + 1)
  }

  /**
   * How often two of `ids` were in one group so far, by their positions in `ids`.
   * A dense matrix, because the planner's inner loops read it thousands of times
   * per round.
   */
  meetingsAmong(ids: readonly string[]): (a: number, b: number) => number {
    const n = ids.length
    const position = new Map(ids.map((id, index) => [id, index]))
    const counts = new Int32Array(n * n)
    ids.forEach((id, a) => {
      for (const [other, times] of this.meetings.get(id) ?? []) {
        const b = position.get(other)
        if (b !== undefined) counts[a * n + b] = times
      }
    })
    return (a, b) => counts[a * n + b] ?? 0
  }

  satOutLast(id: string): boolean {
    return this.satOutLastRound.has(id)
  }

  private recordMeeting(a: string, b: string): void {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      let row = this.meetings.get(from)
      if (!row) {
        row = new Map()
        this.meetings.set(from, row)
      }
      this.bump(row, to)
    }
  }

  private bump(counts: Map<string, number>, id: string): void {
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
}
