import type { Pool, PoolClient } from 'pg'
import type { Logger } from '../../logger.ts'
import type { BoardStore, PendingWrite, StoredBoard } from '../BoardStore.ts'
import { LockKind } from './advisoryLocks.ts'
import { inTransaction } from './inTransaction.ts'
import { mergeSnapshot } from './mergeSnapshot.ts'

/** Raised when PostgreSQL did not take a board write: nothing of it is stored, so nothing of it may be relayed. */
export class BoardWriteError extends Error {}

/** Any fixed order of board ids does, as long as every process locks heads in the same one. */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Board documents in PostgreSQL, shared by every server process.
 *
 * Each board counts its updates in its `board_heads` row. An append raises
 * the count in its transaction, which holds that row's lock until it
 * commits, so the next append to the board (from any process) gets the next
 * numbers only after this one is committed: a board's sequence numbers are
 * in commit order without gaps. A global sequence would not be: a number
 * drawn earlier can commit later, and a reader that saw the later one would
 * take the earlier as already covered and skip it for good.
 *
 * Compaction cannot trust that the snapshot it is given holds every update
 * up to its sequence number — with several processes, an update stored by
 * another one may not have reached this process's document yet. So it
 * merges the snapshot with the stored snapshot and exactly the updates it
 * deletes, under a per-board advisory lock; a process that does not get the
 * lock skips, and the updates stay in the log for the next compaction.
 */
export class PostgresBoardStore implements BoardStore {
  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  async loadBoard(boardId: string): Promise<StoredBoard> {
    // One snapshot of the database for both reads: a compaction in between would otherwise drop updates from under the second.
    return inTransaction(
      this.pool,
      async (client) => {
        const snapshot = await client.query<{ data: Buffer; upto_seq: string }>('SELECT data, upto_seq FROM board_snapshots WHERE board_id = $1', [boardId])
        const snapshotRow = snapshot.rows[0]
        const uptoSeq = Number(snapshotRow?.upto_seq ?? 0)
        const updates = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM board_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq',
          [boardId, uptoSeq],
        )
        const last = updates.rows.at(-1)
        return {
          snapshot: snapshotRow ? snapshotRow.data : null,
          updates: updates.rows.map((row) => row.data),
          lastSeq: last ? Number(last.seq) : uptoSeq,
        }
      },
      'REPEATABLE READ READ ONLY',
    )
  }

  async appendBatches(writes: readonly PendingWrite[]): Promise<number[]> {
    try {
      // The commit is awaited: once this resolves the updates are durable and visible to every process.
      return await inTransaction(this.pool, (client) => this.appendInTransaction(client, writes))
    } catch (error) {
      const boards = [...new Set(writes.map((write) => write.boardId))].join(', ')
      throw new BoardWriteError(`PostgreSQL did not store the updates of board(s) ${boards}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
  }

  async storeSnapshot(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const compacted = await inTransaction(this.pool, async (client) => {
      const lock = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema() || ':' || $2)) AS locked",
        [LockKind.boardCompaction, boardId],
      )
      if (!lock.rows[0]?.locked) return false
      const stored = await client.query<{ data: Buffer; upto_seq: string }>('SELECT data, upto_seq FROM board_snapshots WHERE board_id = $1', [boardId])
      const dropped = await client.query<{ seq: string; data: Buffer }>('DELETE FROM board_updates WHERE board_id = $1 AND seq <= $2 RETURNING seq, data', [boardId, uptoSeq])
      const previous = stored.rows[0]
      const updates = dropped.rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((row) => row.data)
      const merged = mergeSnapshot([...(previous ? [previous.data] : []), ...updates, snapshot])
      await client.query(
        `INSERT INTO board_snapshots (board_id, data, upto_seq) VALUES ($1, $2, $3)
         ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, upto_seq = GREATEST(board_snapshots.upto_seq, excluded.upto_seq)`,
        [boardId, merged, Math.max(uptoSeq, Number(previous?.upto_seq ?? 0))],
      )
      return true
    })
    if (!compacted) this.logger.debug({ boardId }, 'another process is compacting the board; this compaction is skipped')
  }

  async deleteBoard(boardId: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // The head row first: it is the lock every append to the board takes, so none slips in between the deletes.
      await client.query('DELETE FROM board_heads WHERE board_id = $1', [boardId])
      await client.query('DELETE FROM board_updates WHERE board_id = $1', [boardId])
      await client.query('DELETE FROM board_snapshots WHERE board_id = $1', [boardId])
    })
  }

  async listDocumentIds(prefix: string): Promise<string[]> {
    // left() instead of LIKE: a prefix may hold '%' or '_'. Every stored document has a head row until it is deleted.
    const { rows } = await this.pool.query<{ board_id: string }>('SELECT board_id FROM board_heads WHERE left(board_id, $1) = $2', [prefix.length, prefix])
    return rows.map((row) => row.board_id)
  }

  private async appendInTransaction(client: PoolClient, writes: readonly PendingWrite[]): Promise<number[]> {
    const counts = new Map<string, number>()
    for (const { boardId, updates } of writes) counts.set(boardId, (counts.get(boardId) ?? 0) + updates.length)
    const ids = [...counts.keys()].filter((id) => (counts.get(id) ?? 0) > 0).sort(byId)
    const next = new Map<string, number>()
    if (ids.length > 0) {
      // Heads are locked in id order, so two processes appending to the same boards never wait on each other in a circle.
      const { rows } = await client.query<{ board_id: string; last_seq: string }>(
        `INSERT INTO board_heads (board_id, last_seq)
         SELECT board_id, added FROM unnest($1::text[], $2::bigint[]) AS w (board_id, added) ORDER BY board_id
         ON CONFLICT (board_id) DO UPDATE SET last_seq = board_heads.last_seq + excluded.last_seq
         RETURNING board_id, last_seq`,
        [ids, ids.map((id) => counts.get(id) ?? 0)],
      )
      for (const row of rows) next.set(row.board_id, Number(row.last_seq) - (counts.get(row.board_id) ?? 0))
    }
    const unchanged = [...counts.keys()].filter((id) => counts.get(id) === 0)
    if (unchanged.length > 0) {
      const { rows } = await client.query<{ board_id: string; last_seq: string }>('SELECT board_id, last_seq FROM board_heads WHERE board_id = ANY($1::text[])', [unchanged])
      for (const row of rows) next.set(row.board_id, Number(row.last_seq))
    }
    const boardIds: string[] = []
    const seqs: number[] = []
    const datas: Uint8Array[] = []
    const lastSeqs = writes.map(({ boardId, updates }) => {
      let seq = next.get(boardId) ?? 0
      for (const data of updates) {
        boardIds.push(boardId)
        seqs.push(++seq)
        datas.push(data)
      }
      next.set(boardId, seq)
      return seq
    })
    if (datas.length > 0) {
      await client.query('INSERT INTO board_updates (board_id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])', [boardIds, seqs, datas])
    }
    return lastSeqs
  }
}
