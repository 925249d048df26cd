import type { Side } from '../sides.ts'

export interface GroupMember {
  id: string
  side: Side
}

/**
 * Deals people into `groupCount` groups so every group gets creatives and
 * companies: each side is dealt round-robin, companies starting where the
 * creatives ended, so the sides interleave and group sizes differ by at most
 * one. Institutions fill the smallest groups. With at least as many creatives
 * and companies as groups, every group has one of each.
 */
export function mixGroups(people: readonly GroupMember[], groupCount: number): string[][] {
  if (groupCount < 1) throw new RangeError('there must be at least one group')
  const groups: string[][] = Array.from({ length: groupCount }, () => [])
  const bySide = (side: Side) => people.filter((person) => person.side === side)
  let next = 0
  for (const side of ['kreative', 'unternehmen'] as const) {
    for (const person of bySide(side)) {
      groups[next % groupCount]?.push(person.id)
      next += 1
    }
  }
  for (const person of bySide('institution')) {
    const smallest = groups.reduce((best, group) => (group.length < best.length ? group : best))
    smallest.push(person.id)
  }
  return groups
}
