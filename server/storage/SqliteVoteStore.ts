import type Database from 'better-sqlite3'
import { z } from 'zod'
import { cachedStatements, type PrepareCached } from './openSqliteDatabase.ts'
import { renameColumns } from './renameColumns.ts'
import { ANONYMOUS_VOTER_ID, type Dot, type VoteStore } from './VoteStore.ts'

const TABLES = `
CREATE TABLE IF NOT EXISTS vote_dots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vote_id TEXT NOT NULL,
  board_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  person_name TEXT,
  shape_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS vote_dots_by_board ON vote_dots (board_id);
CREATE TABLE IF NOT EXISTS revealed_votes (
  vote_id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  results TEXT NOT NULL,
  revealed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revealed_votes_by_board ON revealed_votes (board_id, revealed_at);
`
// After the rename of the first release's voter_id, so the index is made on the column it names.
const INDEXES = `
DROP INDEX IF EXISTS vote_dots_by_voter;
CREATE INDEX IF NOT EXISTS vote_dots_by_person ON vote_dots (vote_id, person_id);
`

export class SqliteVoteStore implements VoteStore {
  private readonly prepare: PrepareCached
  private readonly placeDotAtomically: (voteId: string, boardId: string, dot: Dot, limit: number) => string[] | null

  constructor(db: Database.Database) {
    this.prepare = cachedStatements(db)
    db.exec(TABLES)
    renameColumns(db, 'vote_dots', { voter_id: 'person_id', voter_name: 'person_name' })
    db.exec(INDEXES)
    this.placeDotAtomically = db.transaction((voteId: string, boardId: string, dot: Dot, limit: number) => {
      const mine = this.dotsOfNow(voteId, dot.personId)
      if (mine.length >= limit) return null
      this
        .prepare('INSERT INTO vote_dots (vote_id, board_id, person_id, person_name, shape_id) VALUES (?, ?, ?, ?, ?)')
        .run(voteId, boardId, dot.personId, dot.personName, dot.shapeId)
      return [...mine, dot.shapeId]
    })
  }

  async placeDot(voteId: string, boardId: string, dot: Dot, limit: number): Promise<string[] | null> {
    return this.placeDotAtomically(voteId, boardId, dot, limit)
  }

  async removeDot(voteId: string, personId: string, shapeId: string): Promise<string[]> {
    this
      .prepare(
        'DELETE FROM vote_dots WHERE id = (SELECT id FROM vote_dots WHERE vote_id = ? AND person_id = ? AND shape_id = ? ORDER BY id DESC LIMIT 1)',
      )
      .run(voteId, personId, shapeId)
    return this.dotsOfNow(voteId, personId)
  }

  async dotsOf(voteId: string, personId: string): Promise<string[]> {
    return this.dotsOfNow(voteId, personId)
  }

  async allDots(voteId: string): Promise<Dot[]> {
    return this
      .prepare<[string], { person_id: string; person_name: string | null; shape_id: string }>(
        'SELECT person_id, person_name, shape_id FROM vote_dots WHERE vote_id = ? ORDER BY id',
      )
      .all(voteId)
      .map((row) => ({ personId: row.person_id, personName: row.person_name, shapeId: row.shape_id }))
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
      .prepare<[string], { results: string }>('SELECT results FROM revealed_votes WHERE board_id = ? ORDER BY revealed_at DESC, rowid DESC LIMIT 1')
      .get(boardId)
    return row ? z.record(z.string(), z.number()).parse(JSON.parse(row.results)) : null
  }

  async anonymiseDots(boardId: string, personId?: string): Promise<void> {
    this
      .prepare('UPDATE vote_dots SET person_id = ?, person_name = NULL WHERE board_id = ? AND (? IS NULL OR person_id = ?)')
      .run(ANONYMOUS_VOTER_ID, boardId, personId ?? null, personId ?? null)
  }

  async deleteBoardVotes(boardId: string): Promise<void> {
    this.prepare('DELETE FROM vote_dots WHERE board_id = ?').run(boardId)
    this.prepare('DELETE FROM revealed_votes WHERE board_id = ?').run(boardId)
  }

  private dotsOfNow(voteId: string, personId: string): string[] {
    return this
      .prepare<[string, string], { shape_id: string }>('SELECT shape_id FROM vote_dots WHERE vote_id = ? AND person_id = ? ORDER BY id')
      .all(voteId, personId)
      .map((row) => row.shape_id)
  }
}
