import { describe, expect, it } from 'vitest'
import { INBOUND_BURST_UNITS, INBOUND_UNITS_PER_SECOND } from '../../server/sync/InboundBudget.ts'
import { OFFENCE_MEMORY_MS, OFFENCE_UNITS, OffenderBudgets } from '../../server/sync/OffenderBudgets.ts'

function clock() {
  let now = 0
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('budgets of clients that broke the protocol', () => {
  it('a client that never offends gets a fresh budget for each connection', () => {
    const offenders = new OffenderBudgets(clock().now)
    expect(offenders.budgetFor('10.0.0.7 link-a')).not.toBe(offenders.budgetFor('10.0.0.7 link-a'))
  })

  it('an offender reconnecting shares the drained budget, and waits once the burst is spent', () => {
    const time = clock()
    const offenders = new OffenderBudgets(time.now)
    const first = offenders.budgetFor('10.0.0.7 link-a')
    expect(offenders.recordOffence('10.0.0.7 link-a', first)).toBe(0)
    const offencesInBurst = Math.floor(INBOUND_BURST_UNITS / OFFENCE_UNITS)
    for (let n = 1; n < offencesInBurst; n++) expect(offenders.recordOffence('10.0.0.7 link-a', offenders.budgetFor('10.0.0.7 link-a'))).toBe(0)
    const wait = offenders.recordOffence('10.0.0.7 link-a', offenders.budgetFor('10.0.0.7 link-a'))
    expect(wait).toBe(Math.ceil((OFFENCE_UNITS / INBOUND_UNITS_PER_SECOND) * 1000))
    expect(offenders.budgetFor('10.0.0.7 link-a')).toBe(first)
    expect(offenders.budgetFor('10.0.0.7 link-a').waitMs()).toBe(wait)
    // Someone else at the same address, with another link, is not paced along.
    expect(offenders.budgetFor('10.0.0.7 link-b').waitMs()).toBe(0)
    time.advance(wait)
    expect(offenders.budgetFor('10.0.0.7 link-a').waitMs()).toBe(0)
  })

  it('a minute without offences, and the client is back to a budget per connection', () => {
    const time = clock()
    const offenders = new OffenderBudgets(time.now)
    const budget = offenders.budgetFor('10.0.0.7 link-a')
    offenders.recordOffence('10.0.0.7 link-a', budget)
    time.advance(OFFENCE_MEMORY_MS - 1)
    expect(offenders.budgetFor('10.0.0.7 link-a')).toBe(budget)
    time.advance(1)
    expect(offenders.budgetFor('10.0.0.7 link-a')).not.toBe(budget)
  })

  it('remembers at most 10,000 offenders, forgetting the longest quiet first', () => {
    const time = clock()
    const offenders = new OffenderBudgets(time.now)
    const firstBudget = offenders.budgetFor('client 0')
    offenders.recordOffence('client 0', firstBudget)
    const secondBudget = offenders.budgetFor('client 1')
    offenders.recordOffence('client 1', secondBudget)
    time.advance(1)
    // Offending again moves client 0 behind client 1 in the eviction order.
    offenders.recordOffence('client 0', firstBudget)
    for (let n = 2; n <= 10_000; n++) offenders.recordOffence(`client ${n}`, offenders.budgetFor(`client ${n}`))
    expect(offenders.budgetFor('client 1')).not.toBe(secondBudget)
    expect(offenders.budgetFor('client 0')).toBe(firstBudget)
  })
})
