import type { ProfileCard } from '../../shared/profileCard.ts'

/** Profile cards, with the contact details that only matches get to see. */
export interface ProfileStore {
  storeProfile(eventId: string, personId: string, card: ProfileCard): Promise<void>
  loadProfiles(eventId: string): Promise<Map<string, ProfileCard>>
  /** Deletes the event's cards: every one, or only the person's when `personId` is given. */
  deleteProfiles(eventId: string, personId?: string): Promise<void>
}
