import type { Pool, PoolClient } from 'pg'
import { z } from 'zod'
import { ANONYMOUS_VOTER_ID, type Dot, type VoteStore } from '../VoteStore.ts'
import { LockKind } from './advisoryLocks.ts'
import { inTransaction } from './inTransaction.ts'

const resultsSchema = z.record(z.string(), z.number())

export class PostgresVoteStore implements VoteStore {
  constructor(private readonly pool: Pool) {}

  async placeDot(voteId: string, boardId: string, dot: Dot, limit: number): Promise<string[] | null> {
    return inTransaction(this.pool, async (client) => {
      // Count and insert under a lock per person and vote: two connections of one person, in any process, cannot both see room for one more dot.
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || ':' || $2 || ':' || $3))", [LockKind.dotPlacement, voteId, dot.personId])
      const mine = await dotsOf(client, voteId, dot.personId)
      if (mine.length >= limit) return null
      await client.query('INSERT INTO vote_dots (vote_id, board_id, person_id, person_name, shape_id) VALUES ($1, $2, $3, $4, $5)', [
        voteId,
        boardId,
        dot.personId,
        dot.personName,
        dot.shapeId,
      ])
      return [...mine, dot.shapeId]
    })
  }

  async removeDot(voteId: string, personId: string, shapeId: string): Promise<string[]> {
    await this.pool.query(
      'DELETE FROM vote_dots WHERE id = (SELECT id FROM vote_dots WHERE vote_id = $1 AND person_id = $2 AND shape_id = $3 ORDER BY id DESC LIMIT 1)',
      [voteId, personId, shapeId],
    )
    return dotsOf(this.pool, voteId, personId)
  }

  async dotsOf(voteId: string, personId: string): Promise<string[]> {
    return dotsOf(this.pool, voteId, personId)
  }

  async allDots(voteId: string): Promise<Dot[]> {
    const { rows } = await this.pool.query<{ person_id: string; person_name: string | null; shape_id: string }>(
      'SELECT person_id, person_name, shape_id FROM vote_dots WHERE vote_id = $1 ORDER BY id',
      [voteId],
    )
    return rows.map((row) => ({ personId: row.person_id, personName: row.person_name, shapeId: row.shape_id }))
  }

  async storeRevealedVote(boardId: string, voteId: string, results: Record<string, number>): Promise<void> {
    await this.pool.query(
      'INSERT INTO revealed_votes (vote_id, board_id, results, revealed_at) VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT (vote_id) DO UPDATE SET results = excluded.results',
      [voteId, boardId, JSON.stringify(results), new Date().toISOString()],
    )
  }

  async latestRevealedVote(boardId: string): Promise<Record<string, number> | null> {
    const { rows } = await this.pool.query<{ results: unknown }>(
      'SELECT results FROM revealed_votes WHERE board_id = $1 ORDER BY revealed_at DESC, stored_order DESC LIMIT 1',
      [boardId],
    )
    return rows[0] ? resultsSchema.parse(rows[0].results) : null
  }

  async anonymiseDots(boardId: string, personId?: string): Promise<void> {
    await this.pool.query('UPDATE vote_dots SET person_id = $1, person_name = NULL WHERE board_id = $2 AND ($3::text IS NULL OR person_id = $3)', [
      ANONYMOUS_VOTER_ID,
      boardId,
      personId ?? null,
    ])
  }

  async deleteBoardVotes(boardId: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM vote_dots WHERE board_id = $1', [boardId])
      await client.query('DELETE FROM revealed_votes WHERE board_id = $1', [boardId])
    })
  }
}

async function dotsOf(db: Pool | PoolClient, voteId: string, personId: string): Promise<string[]> {
  const { rows } = await db.query<{ shape_id: string }>('SELECT shape_id FROM vote_dots WHERE vote_id = $1 AND person_id = $2 ORDER BY id', [voteId, personId])
  return rows.map((row) => row.shape_id)
}
