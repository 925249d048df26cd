import type { Pool } from 'pg'
import { profileCardSchema, type ProfileCard } from '../../../shared/profileCard.ts'
import type { ProfileStore } from '../ProfileStore.ts'

export class PostgresProfileStore implements ProfileStore {
  constructor(private readonly pool: Pool) {}

  async storeProfile(eventId: string, personId: string, card: ProfileCard): Promise<void> {
    await this.pool.query(
      'INSERT INTO profile_cards (event_id, person_id, card) VALUES ($1, $2, $3::jsonb) ON CONFLICT (event_id, person_id) DO UPDATE SET card = excluded.card',
      [eventId, personId, JSON.stringify(card)],
    )
  }

  async deleteProfiles(eventId: string, personId?: string): Promise<void> {
    await this.pool.query('DELETE FROM profile_cards WHERE event_id = $1 AND ($2::text IS NULL OR person_id = $2)', [eventId, personId ?? null])
  }

  async loadProfiles(eventId: string): Promise<Map<string, ProfileCard>> {
    const { rows } = await this.pool.query<{ person_id: string; card: unknown }>('SELECT person_id, card FROM profile_cards WHERE event_id = $1', [eventId])
    return new Map(rows.map((row) => [row.person_id, profileCardSchema.parse(row.card)]))
  }
}
