import type { MyMatches } from '../../shared/workshop/index.ts'
import type { MatchStore } from '../storage/MatchStore.ts'
import type { ProfileStore } from '../storage/ProfileStore.ts'

/** What one person may know of speed-dating marks: whom they marked, and their mutual matches with what those agreed to share. */
export async function myMatches(stores: { matches: MatchStore; profiles: ProfileStore }, eventId: string, personId: string): Promise<MyMatches> {
  const marks = await stores.matches.marksInvolving(eventId, personId)
  const mine = new Map(marks.filter((m) => m.fromId === personId).map((m) => [m.toId, m]))
  const theirs = new Map(marks.filter((m) => m.toId === personId).map((m) => [m.fromId, m]))
  const profiles = await stores.profiles.loadProfiles(eventId)
  const result: MyMatches = { marked: {}, matches: [] }
  for (const [otherId, mark] of mine) {
    result.marked[otherId] = mark.want
    const other = theirs.get(otherId)
    if (!mark.want || !other?.want) continue
    const card = profiles.get(otherId)
    result.matches.push({
      personId: otherId,
      name: card?.name ?? '?',
      organisation: card?.organisation ?? '',
      contact: other.shareContact ? (card?.contact ?? '') : null,
    })
  }
  return result
}
