import type { WorkshopState } from '../../shared/workshop/index.ts'
import type { WorkshopChange } from '../workshop/Workshop.ts'

/** The slices that name people by id: who sat at which table, who pitched, who was in which group. */
type PeopleSlices = Pick<WorkshopState, 'speedDating' | 'pitch' | 'breakouts'>

/** Every person id the workshop state holds in its rounds, pitch queue and groups. */
export function peopleIn(state: PeopleSlices): Set<string> {
  return new Set([
    ...(state.speedDating?.rounds.flatMap((round) => [...round.groups.flatMap((group) => group.members), ...round.sittingOut]) ?? []),
    ...(state.pitch?.queue.map((entry) => entry.personId) ?? []),
    ...(state.breakouts?.groups.flatMap((group) => group.members) ?? []),
  ])
}

/**
 * The same rounds, queue and groups with people under new ids: who met whom
 * stays (the planner avoids repeats by it), but nothing leads back to a
 * person, whose old id also named their notes, dots and marks.
 */
export function pseudonymise(state: PeopleSlices, renamed: ReadonlyMap<string, string>): WorkshopChange {
  const rename = (id: string) => renamed.get(id) ?? id
  const { speedDating, pitch, breakouts } = state
  return {
    speedDating: speedDating && {
      ...speedDating,
      rounds: speedDating.rounds.map((round) => ({
        ...round,
        groups: round.groups.map((group) => ({ ...group, members: group.members.map(rename) })),
        sittingOut: round.sittingOut.map(rename),
      })),
    },
    pitch: pitch && { ...pitch, queue: pitch.queue.map((entry) => ({ ...entry, personId: rename(entry.personId) })) },
    breakouts: breakouts && { ...breakouts, groups: breakouts.groups.map((group) => ({ ...group, members: group.members.map(rename) })) },
  }
}
