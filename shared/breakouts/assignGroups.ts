import type { Side } from '../sides.ts'

export interface GroupMember {
  id: string
  side: Side
}

/**
 * Who works in which group: people go to the group whose frame holds their
 * own notes where possible (the ideas they care about), group sizes differ
 * by at most one, and every group gets creatives and companies where there
 * are enough of both. `notesByGroup[g]` lists the author of each note in
 * group g's frame (an author once per note).
 */
export function assignGroups(people: readonly GroupMember[], notesByGroup: readonly (readonly string[])[]): string[][] {
  const groupCount = notesByGroup.length
  if (groupCount < 1) throw new RangeError('there must be at least one group')
  const groups: string[][] = Array.from({ length: groupCount }, () => [])
  const notes = (personId: string, group: number) => notesByGroup[group]?.filter((author) => author === personId).length ?? 0
  const favourite = (personId: string) => {
    let best = -1
    for (let group = 0; group < groupCount; group++) if (notes(personId, group) > 0 && (best < 0 || notes(personId, group) > notes(personId, best))) best = group
    return best
  }

  // First the authors, those with most notes in one frame first, up to an even share per group.
  const evenShare = Math.floor(people.length / groupCount)
  const authors = people.filter((person) => favourite(person.id) >= 0).sort((a, b) => notes(b.id, favourite(b.id)) - notes(a.id, favourite(a.id)))
  const placed = new Set<string>()
  for (const person of authors) {
    const group = groups[favourite(person.id)]
    if (group && group.length < evenShare) {
      group.push(person.id)
      placed.add(person.id)
    }
  }

  // Everyone else fills the smallest groups, a group still lacking their side first.
  const sideOf = new Map(people.map((person) => [person.id, person.side]))
  const lacks = (group: readonly string[], side: Side) => side !== 'institution' && !group.some((id) => sideOf.get(id) === side)
  for (const person of people) {
    if (placed.has(person.id)) continue
    const smallest = Math.min(...groups.map((group) => group.length))
    const candidates = groups.filter((group) => group.length === smallest)
    const target = candidates.find((group) => lacks(group, person.side)) ?? candidates[0]
    target?.push(person.id)
  }

  mixSides(groups, sideOf, notes)
  return groups
}

/** Swaps people between groups until every group that can have both sides has them; sizes stay as they are. */
function mixSides(groups: string[][], sideOf: ReadonlyMap<string, Side>, notes: (personId: string, group: number) => number): void {
  const count = (group: readonly string[], side: Side) => group.filter((id) => sideOf.get(id) === side).length
  for (let round = 0; round < groups.length * 4; round++) {
    let swapped = false
    for (const [needy, group] of groups.entries()) {
      for (const side of ['kreative', 'unternehmen'] as const) {
        if (count(group, side) > 0 || group.length < 2) continue
        const donorIndex = groups.findIndex((other) => count(other, side) >= 2)
        const donor = groups[donorIndex]
        if (!donor) continue
        // The one leaving each group is the one with fewest own notes there.
        const leaving = donor.filter((id) => sideOf.get(id) === side).sort((a, b) => notes(a, donorIndex) - notes(b, donorIndex))[0]
        const other = side === 'kreative' ? 'unternehmen' : 'kreative'
        const giving = group.filter((id) => sideOf.get(id) !== side && (sideOf.get(id) !== other || count(group, other) >= 2)).sort((a, b) => notes(a, needy) - notes(b, needy))[0]
        if (!leaving || !giving) continue
        donor.splice(donor.indexOf(leaving), 1, giving)
        group.splice(group.indexOf(giving), 1, leaving)
        swapped = true
      }
    }
    if (!swapped) return
  }
}
