import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assignGroups, type GroupMember } from '../../shared/breakouts/assignGroups.ts'

const person = (id: string, side: GroupMember['side']): GroupMember => ({ id, side })

describe('group boards: who works where', () => {
  it('people go to the group with their own notes, with sides mixed', () => {
    const people = [person('anna', 'kreative'), person('ben', 'unternehmen'), person('clara', 'kreative'), person('dirk', 'unternehmen')]
    const groups = assignGroups(people, [
      ['anna', 'anna', 'ben'],
      ['clara', 'dirk', 'dirk'],
    ])
    expect(groups.map((group) => [...group].sort())).toEqual([
      ['anna', 'ben'],
      ['clara', 'dirk'],
    ])
  })

  it('when one side wrote all of a frame, the group still gets the other side', () => {
    const people = [person('anna', 'kreative'), person('clara', 'kreative'), person('ben', 'unternehmen'), person('dirk', 'unternehmen')]
    const groups = assignGroups(people, [['anna', 'clara'], ['ben', 'dirk']])
    for (const group of groups) expect(new Set(group.map((id) => people.find((p) => p.id === id)?.side))).toEqual(new Set(['kreative', 'unternehmen']))
  })

  it('refuses zero groups', () => {
    expect(() => assignGroups([person('anna', 'kreative')], [])).toThrow(RangeError)
  })

  it('for any people and notes: everyone once, sizes within one, and both sides in every group when there are enough of each', () => {
    const side = fc.constantFrom('kreative' as const, 'unternehmen' as const, 'institution' as const)
    fc.assert(
      fc.property(fc.array(side, { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 60 }), (sides, groupCount, picks) => {
        const people = sides.map((s, i) => person(`p${i}`, s))
        const notesByGroup: string[][] = Array.from({ length: groupCount }, () => [])
        picks.forEach((pick, i) => notesByGroup[i % groupCount]?.push(`p${pick % people.length}`))
        const groups = assignGroups(people, notesByGroup)
        expect(groups.flat().sort()).toEqual(people.map((p) => p.id).sort())
        const sizes = groups.map((group) => group.length)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
        const count = (s: string) => sides.filter((x) => x === s).length
        if (count('kreative') >= groupCount && count('unternehmen') >= groupCount) {
          for (const group of groups) {
            const inGroup = new Set(group.map((id) => people.find((p) => p.id === id)?.side))
            expect(inGroup.has('kreative') && inGroup.has('unternehmen')).toBe(true)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
