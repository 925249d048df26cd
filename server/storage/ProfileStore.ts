import type { ProfileCard } from '../../shared/profileCard.ts'

/** Profile cards, with the contact details that only matches get to see. */
export interface ProfileStore {
  storeProfile(eventId: string, personId: string, card: ProfileCard): Promise<void>
  loadProfiles(eventId: string): Promise<Map<string, ProfileCard>>
}
