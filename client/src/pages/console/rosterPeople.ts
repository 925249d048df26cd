import type { RosterEntry } from '../../../../shared/workshop/index.ts'

export interface RosterPerson {
  personId: string
  name: string | null
  side: RosterEntry['side']
  handRaised: boolean
}

/**
 * The roster counts people: a participant with a phone and a laptop is one
 * person, and the projector and the facilitators' tabs are not participants.
 * Raised hands first, then by name.
 */
export function rosterPeople(entries: readonly RosterEntry[], locale: string): { people: RosterPerson[]; projectors: number; facilitators: number } {
  const people = new Map<string, RosterPerson>()
  let projectors = 0
  let facilitators = 0
  for (const entry of entries) {
    if (entry.role === 'viewer') projectors++
    else if (entry.role !== 'participant') facilitators++
    else {
      const known = people.get(entry.personId)
      people.set(entry.personId, {
        personId: entry.personId,
        name: known?.name ?? entry.name,
        side: known?.side ?? entry.side,
        handRaised: (known?.handRaised ?? false) || entry.handRaised,
      })
    }
  }
  const sorted = [...people.values()].sort((a, b) => Number(b.handRaised) - Number(a.handRaised) || (a.name ?? '').localeCompare(b.name ?? '', locale))
  return { people: sorted, projectors, facilitators }
}
