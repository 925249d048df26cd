import type Database from 'better-sqlite3'
import { cachedStatements, type PrepareCached } from '../storage/openSqliteDatabase.ts'
import { z } from 'zod'
import { sessionStateSchema, type SessionState } from '../../shared/session.ts'
import { profileCardSchema, type ProfileCard } from '../../shared/profileCard.ts'
import type { Dot, MatchMark, MutualMatch, SessionStore } from './SessionStore.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS session_states (
  event_id TEXT PRIMARY KEY,
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS vote_dots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vote_id TEXT NOT NULL,
  board_id TEXT NOT NULL,
  voter_id TEXT NOT NULL,
  voter_name TEXT,
  shape_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS vote_dots_by_voter ON vote_dots (vote_id, voter_id);
CREATE INDEX IF NOT EXISTS vote_dots_by_board ON vote_dots (board_id);
CREATE TABLE IF NOT EXISTS profile_cards (
  event_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  card TEXT NOT NULL,
  PRIMARY KEY (event_id, participant_id)
);
CREATE TABLE IF NOT EXISTS revealed_votes (
  vote_id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  results TEXT NOT NULL,
  revealed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revealed_votes_by_board ON revealed_votes (board_id, revealed_at);
CREATE TABLE IF NOT EXISTS match_marks (
  event_id TEXT NOT NULL,
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  want INTEGER NOT NULL,
  share_contact INTEGER NOT NULL,
  PRIMARY KEY (event_id, from_id, to_id)
);
`

export class SqliteSessionStore implements SessionStore {
  private readonly placeDotAtomically: (voteId: string, boardId: string, dot: Dot, limit: number) => string[] | null

  private readonly prepare: PrepareCached

  constructor(private readonly db: Database.Database) {
    this.prepare = cachedStatements(db)
    db.exec(SCHEMA)
    this.placeDotAtomically = db.transaction((voteId: string, boardId: string, dot: Dot, limit: number) => {
      const mine = this.dotsOfNow(voteId, dot.voterId)
      if (mine.length >= limit) return null
      db.prepare('INSERT INTO vote_dots (vote_id, board_id, voter_id, voter_name, shape_id) VALUES (?, ?, ?, ?, ?)').run(
        voteId,
        boardId,
        dot.voterId,
        dot.voterName,
        dot.shapeId,
      )
      return [...mine, dot.shapeId]
    })
  }

  async loadState(eventId: string): Promise<SessionState | null> {
    const row = this.prepare<[string], { state: string }>('SELECT state FROM session_states WHERE event_id = ?').get(eventId)
    return row ? sessionStateSchema.parse(JSON.parse(row.state)) : null
  }

  async storeState(state: SessionState): Promise<void> {
    this
      .prepare('INSERT INTO session_states (event_id, state) VALUES (?, ?) ON CONFLICT (event_id) DO UPDATE SET state = excluded.state')
      .run(state.eventId, JSON.stringify(state))
  }

  async placeDot(voteId: string, boardId: string, dot: Dot, limit: number): Promise<string[] | null> {
    return this.placeDotAtomically(voteId, boardId, dot, limit)
  }

  async removeDot(voteId: string, voterId: string, shapeId: string): Promise<string[]> {
    this
      .prepare(
        'DELETE FROM vote_dots WHERE id = (SELECT id FROM vote_dots WHERE vote_id = ? AND voter_id = ? AND shape_id = ? ORDER BY id DESC LIMIT 1)',
      )
      .run(voteId, voterId, shapeId)
    return this.dotsOfNow(voteId, voterId)
  }

  async dotsOf(voteId: string, voterId: string): Promise<string[]> {
    return this.dotsOfNow(voteId, voterId)
  }

  async allDots(voteId: string): Promise<Dot[]> {
    return this
      .prepare<[string], { voter_id: string; voter_name: string | null; shape_id: string }>(
        'SELECT voter_id, voter_name, shape_id FROM vote_dots WHERE vote_id = ? ORDER BY id',
      )
      .all(voteId)
      .map((row) => ({ voterId: row.voter_id, voterName: row.voter_name, shapeId: row.shape_id }))
  }

  async storeProfile(eventId: string, participantId: string, card: ProfileCard): Promise<void> {
    this
      .prepare(
        'INSERT INTO profile_cards (event_id, participant_id, card) VALUES (?, ?, ?) ON CONFLICT (event_id, participant_id) DO UPDATE SET card = excluded.card',
      )
      .run(eventId, participantId, JSON.stringify(card))
  }

  async loadProfiles(eventId: string): Promise<Map<string, ProfileCard>> {
    const rows = this
      .prepare<[string], { participant_id: string; card: string }>('SELECT participant_id, card FROM profile_cards WHERE event_id = ?')
      .all(eventId)
    return new Map(rows.map((row) => [row.participant_id, profileCardSchema.parse(JSON.parse(row.card))]))
  }

  async storeMark(eventId: string, mark: MatchMark): Promise<void> {
    this
      .prepare(
        `INSERT INTO match_marks (event_id, from_id, to_id, want, share_contact) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (event_id, from_id, to_id) DO UPDATE SET want = excluded.want, share_contact = excluded.share_contact`,
      )
      .run(eventId, mark.fromId, mark.toId, mark.want ? 1 : 0, mark.shareContact ? 1 : 0)
  }

  async marksInvolving(eventId: string, participantId: string): Promise<MatchMark[]> {
    return this
      .prepare<[string, string, string], { from_id: string; to_id: string; want: number; share_contact: number }>(
        'SELECT from_id, to_id, want, share_contact FROM match_marks WHERE event_id = ? AND (from_id = ? OR to_id = ?)',
      )
      .all(eventId, participantId, participantId)
      .map((row) => ({ fromId: row.from_id, toId: row.to_id, want: row.want === 1, shareContact: row.share_contact === 1 }))
  }

  async countMutualMatches(eventId: string): Promise<number> {
    const row = this
      .prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM match_marks a JOIN match_marks b
           ON a.event_id = b.event_id AND a.from_id = b.to_id AND a.to_id = b.from_id
         WHERE a.event_id = ? AND a.want = 1 AND b.want = 1 AND a.from_id < a.to_id`,
      )
      .get(eventId)
    return row?.n ?? 0
  }

  async mutualMatches(eventId: string): Promise<MutualMatch[]> {
    return this
      .prepare<[string], { first: string; second: string; both_shared: number }>(
        `SELECT a.from_id AS first, a.to_id AS second, (a.share_contact AND b.share_contact) AS both_shared
         FROM match_marks a JOIN match_marks b
           ON a.event_id = b.event_id AND a.from_id = b.to_id AND a.to_id = b.from_id
         WHERE a.event_id = ? AND a.want = 1 AND b.want = 1 AND a.from_id < a.to_id`,
      )
      .all(eventId)
      .map((row) => ({ firstId: row.first, secondId: row.second, bothShared: row.both_shared === 1 }))
  }

  async storeRevealedVote(boardId: string, voteId: string, results: Record<string, number>): Promise<void> {
    this
      .prepare(
        'INSERT INTO revealed_votes (vote_id, board_id, results, revealed_at) VALUES (?, ?, ?, ?) ON CONFLICT (vote_id) DO UPDATE SET results = excluded.results',
      )
      .run(voteId, boardId, JSON.stringify(results), new Date().toISOString())
  }

  async latestRevealedVote(boardId: string): Promise<Record<string, number> | null> {
    const row = this
      .prepare<[string], { results: string }>('SELECT results FROM revealed_votes WHERE board_id = ? ORDER BY revealed_at DESC LIMIT 1')
      .get(boardId)
    return row ? z.record(z.string(), z.number()).parse(JSON.parse(row.results)) : null
  }

  private dotsOfNow(voteId: string, voterId: string): string[] {
    return this
      .prepare<[string, string], { shape_id: string }>('SELECT shape_id FROM vote_dots WHERE vote_id = ? AND voter_id = ? ORDER BY id')
      .all(voteId, voterId)
      .map((row) => row.shape_id)
  }
}
