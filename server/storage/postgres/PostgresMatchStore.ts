import type { Pool } from 'pg'
import type { MatchMark, MatchStore, MutualMatch } from '../MatchStore.ts'

const MUTUAL = `FROM match_marks a JOIN match_marks b
  ON a.event_id = b.event_id AND a.from_id = b.to_id AND a.to_id = b.from_id
  WHERE a.event_id = $1 AND a.want AND b.want AND a.from_id < a.to_id`

export class PostgresMatchStore implements MatchStore {
  constructor(private readonly pool: Pool) {}

  async storeMark(eventId: string, mark: MatchMark): Promise<void> {
    await this.pool.query(
      `INSERT INTO match_marks (event_id, from_id, to_id, want, share_contact) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id, from_id, to_id) DO UPDATE SET want = excluded.want, share_contact = excluded.share_contact`,
      [eventId, mark.fromId, mark.toId, mark.want, mark.shareContact],
    )
  }

  async marksInvolving(eventId: string, personId: string): Promise<MatchMark[]> {
    const { rows } = await this.pool.query<{ from_id: string; to_id: string; want: boolean; share_contact: boolean }>(
      'SELECT from_id, to_id, want, share_contact FROM match_marks WHERE event_id = $1 AND (from_id = $2 OR to_id = $2)',
      [eventId, personId],
    )
    return rows.map((row) => ({ fromId: row.from_id, toId: row.to_id, want: row.want, shareContact: row.share_contact }))
  }

  async deleteMarks(eventId: string, personId?: string): Promise<void> {
    await this.pool.query('DELETE FROM match_marks WHERE event_id = $1 AND ($2::text IS NULL OR from_id = $2 OR to_id = $2)', [eventId, personId ?? null])
  }

  async countMutualMatches(eventId: string): Promise<number> {
    // COUNT is a bigint, which pg hands over as a string.
    const { rows } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n ${MUTUAL}`, [eventId])
    return Number(rows[0]?.n ?? 0)
  }

  async mutualMatches(eventId: string): Promise<MutualMatch[]> {
    const { rows } = await this.pool.query<{ first: string; second: string; both_shared: boolean }>(
      `SELECT a.from_id AS first, a.to_id AS second, (a.share_contact AND b.share_contact) AS both_shared ${MUTUAL}`,
      [eventId],
    )
    return rows.map((row) => ({ firstId: row.first, secondId: row.second, bothShared: row.both_shared }))
  }
}
