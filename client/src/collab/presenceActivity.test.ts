import { describe, expect, it } from 'vitest'
import { localActivityTime } from './presenceActivity.ts'

describe('localActivityTime', () => {
  it('counts a peer met for the first time as not yet active, whatever their clock says', () => {
    expect(localActivityTime(5_000, undefined, 1_000_000)).toBe(0)
  })

  it("takes our clock's time when a peer's stamp changes, even from a clock far behind ours", () => {
    const previous = { sentStamp: 5_000, localTime: 0 }
    expect(localActivityTime(6_000, previous, 1_000_000)).toBe(1_000_000)
  })

  it('keeps the time we saw activity while the stamp stays the same (a camera or selection change)', () => {
    const previous = { sentStamp: 6_000, localTime: 1_000_000 }
    expect(localActivityTime(6_000, previous, 1_009_000)).toBe(1_000_000)
  })

  it('never counts a missing stamp as activity', () => {
    expect(localActivityTime(null, { sentStamp: 6_000, localTime: 1_000_000 }, 1_009_000)).toBe(1_000_000)
    expect(localActivityTime(0, { sentStamp: 6_000, localTime: 1_000_000 }, 1_009_000)).toBe(1_000_000)
  })
})
