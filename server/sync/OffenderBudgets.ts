import { InboundBudget } from './InboundBudget.ts'

/** How long after its last offence a client's connections keep sharing one budget. */
export const OFFENCE_MEMORY_MS = 60_000
/**
 * What an offence costs in budget units: the close, the reconnect and the
 * resync it causes cost the server far more than one message.
 */
export const OFFENCE_UNITS = 20
/** Offenders remembered at most; past this the longest-quiet are forgotten, so a spread-out attack cannot grow memory. */
const MAX_OFFENDERS = 10_000

interface Offender {
  budget: InboundBudget
  lastOffenceAt: number
}

/**
 * Inbound budgets that outlive a connection, for clients that broke the
 * protocol (a malformed, oversized or text frame). Such a client, closed,
 * would come back with a fresh budget each time and never be paced. For a
 * minute after its last offence every new connection from the same address
 * with the same link shares one budget, and each offence drains it, so the
 * next connection waits before anything it sends is read. Clients that
 * never offend keep a budget per connection: people behind a venue's one
 * address with one participant link are only paced together while one of
 * them attacks, and only on connections they open meanwhile.
 */
export class OffenderBudgets {
  private readonly offenders = new Map<string, Offender>()

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The budget for a new connection of `client` (address and link): the offender's shared one, or a fresh one. */
  budgetFor(client: string): InboundBudget {
    return this.current(client)?.budget ?? new InboundBudget(this.now)
  }

  /**
   * Charges an offence by the connection holding `budget`; from now on the
   * client's new connections share this budget. Returns the milliseconds to
   * pause reading.
   */
  recordOffence(client: string, budget: InboundBudget): number {
    const offender = this.current(client) ?? { budget, lastOffenceAt: 0 }
    offender.lastOffenceAt = this.now()
    // Re-inserted, so the map's order is by last offence and the oldest is evicted first.
    this.offenders.delete(client)
    this.offenders.set(client, offender)
    if (this.offenders.size > MAX_OFFENDERS) {
      const oldest = this.offenders.keys().next().value
      if (oldest !== undefined) this.offenders.delete(oldest)
    }
    return offender.budget.charge(OFFENCE_UNITS)
  }

  private current(client: string): Offender | null {
    const offender = this.offenders.get(client)
    if (!offender) return null
    if (this.now() - offender.lastOffenceAt < OFFENCE_MEMORY_MS) return offender
    this.offenders.delete(client)
    return null
  }
}
