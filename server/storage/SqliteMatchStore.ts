import type Database from 'better-sqlite3'
import type { MatchMark, MatchStore, MutualMatch } from './MatchStore.ts'
import { cachedStatements, type PrepareCached } from './openSqliteDatabase.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS match_marks (
  event_id TEXT NOT NULL,
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  want INTEGER NOT NULL,
  share_contact INTEGER NOT NULL,
  PRIMARY KEY (event_id, from_id, to_id)
);
`

const MUTUAL = `FROM match_marks a JOIN match_marks b
  ON a.event_id = b.event_id AND a.from_id = b.to_id AND a.to_id = b.from_id
  WHERE a.event_id = ? AND a.want = 1 AND b.want = 1 AND a.from_id < a.to_id`

export class SqliteMatchStore implements MatchStore {
  private readonly prepare: PrepareCached

  constructor(db: Database.Database) {
    this.prepare = cachedStatements(db)
    db.exec(SCHEMA)
  }

  async storeMark(eventId: string, mark: MatchMark): Promise<void> {
    this
      .prepare(
        `INSERT INTO match_marks (event_id, from_id, to_id, want, share_contact) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (event_id, from_id, to_id) DO UPDATE SET want = excluded.want, share_contact = excluded.share_contact`,
      )
      .run(eventId, mark.fromId, mark.toId, mark.want ? 1 : 0, mark.shareContact ? 1 : 0)
  }

  async marksInvolving(eventId: string, personId: string): Promise<MatchMark[]> {
    return this
      .prepare<[string, string, string], { from_id: string; to_id: string; want: number; share_contact: number }>(
        'SELECT from_id, to_id, want, share_contact FROM match_marks WHERE event_id = ? AND (from_id = ? OR to_id = ?)',
      )
      .all(eventId, personId, personId)
      .map((row) => ({ fromId: row.from_id, toId: row.to_id, want: row.want === 1, shareContact: row.share_contact === 1 }))
  }

  async deleteMarks(eventId: string, personId?: string): Promise<void> {
    this
      .prepare('DELETE FROM match_marks WHERE event_id = ? AND (? IS NULL OR from_id = ? OR to_id = ?)')
      .run(eventId, personId ?? null, personId ?? null, personId ?? null)
  }

  async countMutualMatches(eventId: string): Promise<number> {
    return this.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n ${MUTUAL}`).get(eventId)?.n ?? 0
  }

  async mutualMatches(eventId: string): Promise<MutualMatch[]> {
    return this
      .prepare<[string], { first: string; second: string; both_shared: number }>(
        `SELECT a.from_id AS first, a.to_id AS second, (a.share_contact AND b.share_contact) AS both_shared ${MUTUAL}`,
      )
      .all(eventId)
      .map((row) => ({ firstId: row.first, secondId: row.second, bothShared: row.both_shared === 1 }))
  }
}
