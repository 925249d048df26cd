/** Sustained messages per second a connection may send; a person dragging a shape sends about 60, plus presence. */
export const INBOUND_UNITS_PER_SECOND = 200
/** What a connection may send at once before it waits: a burst of edits, or a phone's offline changes on reconnect. */
export const INBOUND_BURST_UNITS = 600
/** A message costs one unit, and one more for every this many bytes: a 100 KB message costs as much as 13 small ones. */
export const INBOUND_BYTES_PER_UNIT = 8 * 1024

/**
 * How much inbound work one connection may cause: a token bucket over
 * messages and their bytes. A connection that sends faster than a person
 * ever does (a hostile peer, a broken client) is not cut off and loses
 * nothing: its socket is paused until it is back within budget, so its
 * frames wait in TCP while everyone else's are served.
 */
export class InboundBudget {
  private units = INBOUND_BURST_UNITS
  private last: number

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now()
  }

  /** Spends one message's cost; the milliseconds to pause reading before the next one (0: read on). */
  spend(messageBytes: number): number {
    return this.charge(1 + messageBytes / INBOUND_BYTES_PER_UNIT)
  }

  /** Spends `units` for something other than a message (an offence); the milliseconds to pause reading. */
  charge(units: number): number {
    this.refill()
    this.units -= units
    return this.waitMs()
  }

  /** How long reading has to wait until the budget is out of debt (0: it is not in debt). */
  waitMs(): number {
    this.refill()
    return this.units >= 0 ? 0 : Math.ceil((-this.units / INBOUND_UNITS_PER_SECOND) * 1000)
  }

  private refill(): void {
    const now = this.now()
    this.units = Math.min(INBOUND_BURST_UNITS, this.units + ((now - this.last) / 1000) * INBOUND_UNITS_PER_SECOND)
    this.last = now
  }
}
