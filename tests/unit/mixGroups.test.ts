import { describe, expect, it } from 'vitest'
import { mixGroups, type GroupMember } from '../../shared/breakouts/mixGroups.ts'
import type { Side } from '../../shared/sides.ts'

function people(counts: Partial<Record<Side, number>>): GroupMember[] {
  return Object.entries(counts).flatMap(([side, count]) =>
    Array.from({ length: count ?? 0 }, (_, i) => ({ id: `${side[0]}${i}`, side: side as Side })),
  )
}

const sideOf = (id: string) => id[0]

describe('automatic mix of breakout groups', () => {
  it.each([
    [4, { kreative: 4, unternehmen: 4 }],
    [4, { kreative: 9, unternehmen: 5, institution: 3 }],
    [3, { kreative: 3, unternehmen: 7 }],
    [2, { kreative: 11, unternehmen: 2, institution: 1 }],
  ])('with %i groups and %j every group has a creative and a company', (groupCount, counts) => {
    const groups = mixGroups(people(counts), groupCount)
    expect(groups).toHaveLength(groupCount)
    for (const group of groups) {
      expect(group.some((id) => sideOf(id) === 'k')).toBe(true)
      expect(group.some((id) => sideOf(id) === 'u')).toBe(true)
    }
  })

  it('places everyone exactly once and keeps group sizes within one of each other', () => {
    const everyone = people({ kreative: 10, unternehmen: 7, institution: 4 })
    const groups = mixGroups(everyone, 4)
    expect(groups.flat().sort()).toEqual(everyone.map((p) => p.id).sort())
    const sizes = groups.map((g) => g.length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
  })

  it('refuses zero groups', () => {
    expect(() => mixGroups(people({ kreative: 1 }), 0)).toThrow(RangeError)
  })
})
