import type Database from 'better-sqlite3'
import { profileCardSchema, type ProfileCard } from '../../shared/profileCard.ts'
import { cachedStatements, type PrepareCached } from './openSqliteDatabase.ts'
import type { ProfileStore } from './ProfileStore.ts'
import { renameColumns } from './renameColumns.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS profile_cards (
  event_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  card TEXT NOT NULL,
  PRIMARY KEY (event_id, person_id)
);
`

export class SqliteProfileStore implements ProfileStore {
  private readonly prepare: PrepareCached

  constructor(db: Database.Database) {
    this.prepare = cachedStatements(db)
    db.exec(SCHEMA)
    renameColumns(db, 'profile_cards', { participant_id: 'person_id' })
  }

  async storeProfile(eventId: string, personId: string, card: ProfileCard): Promise<void> {
    this
      .prepare(
        'INSERT INTO profile_cards (event_id, person_id, card) VALUES (?, ?, ?) ON CONFLICT (event_id, person_id) DO UPDATE SET card = excluded.card',
      )
      .run(eventId, personId, JSON.stringify(card))
  }

  async deleteProfiles(eventId: string, personId?: string): Promise<void> {
    this.prepare('DELETE FROM profile_cards WHERE event_id = ? AND (? IS NULL OR person_id = ?)').run(eventId, personId ?? null, personId ?? null)
  }

  async loadProfiles(eventId: string): Promise<Map<string, ProfileCard>> {
    const rows = this
      .prepare<[string], { person_id: string; card: string }>('SELECT person_id, card FROM profile_cards WHERE event_id = ?')
      .all(eventId)
    return new Map(rows.map((row) => [row.person_id, profileCardSchema.parse(JSON.parse(row.card))]))
  }
}
