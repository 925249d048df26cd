import type Database from 'better-sqlite3'
import type { BoardStore, PendingWrite, StoredBoard } from './BoardStore.ts'

function updatesTable(name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${name} (
  id INTEGER PRIMARY KEY,
  board_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL
);`
}

/**
 * The update log is a rowid table with a small index on (board, per-board
 * seq). Updates are often over a twentieth of a page (a note, a stroke), and
 * a WITHOUT ROWID table keeps whole rows in its interior pages as well, so it
 * splits all the time and grows to twice the size: for 1.5 KB updates 62 vs
 * 33 µs per commit and 32 vs 14 MB of file. Appends go to the table's right
 * edge, which SQLite fills page by page.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS board_snapshots (
  board_id TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL
);
${updatesTable('board_updates')}
CREATE UNIQUE INDEX IF NOT EXISTS board_updates_by_board ON board_updates (board_id, seq);
`

/**
 * Earlier data directories keep their log: one with a global AUTOINCREMENT
 * sequence (which still orders each board) and one WITHOUT ROWID. Dropping
 * the old table drops its index, whose name the new one reuses.
 */
const MIGRATE_EARLIER_LAYOUT = `
${updatesTable('board_updates_next')}
INSERT INTO board_updates_next (board_id, seq, data) SELECT board_id, seq, data FROM board_updates ORDER BY board_id, seq;
DROP TABLE board_updates;
ALTER TABLE board_updates_next RENAME TO board_updates;
`

export class SqliteBoardStore implements BoardStore {
  private readonly insertUpdate: Database.Statement<[string, number, Uint8Array], number>
  private readonly selectSnapshot: Database.Statement<[string], { data: Uint8Array; upto_seq: number }>
  private readonly selectUpdates: Database.Statement<[string, number], { seq: number; data: Uint8Array }>
  private readonly selectLastSeq: Database.Statement<[string, string], { last: number | null }>
  private readonly upsertSnapshot: Database.Statement<[string, Uint8Array, number]>
  private readonly deleteUpdatesUpTo: Database.Statement<[string, number]>
  private readonly appendInTransaction: (writes: readonly PendingWrite[]) => number[]
  private readonly replaceWithSnapshot: (boardId: string, snapshot: Uint8Array, uptoSeq: number) => void
  /** The last sequence number used per board, so an append needs no lookup; this process is the file's only writer. */
  private readonly lastSeqs = new Map<string, number>()

  constructor(private readonly db: Database.Database) {
    this.migrateEarlierLayout()
    this.db.exec(SCHEMA)
    // Appended with get() on RETURNING, plucked to a number: run() builds a {changes, lastInsertRowid} object per call, a quarter of an append's CPU.
    this.insertUpdate = this.db
      .prepare<[string, number, Uint8Array], number>('INSERT INTO board_updates (board_id, seq, data) VALUES (?, ?, ?) RETURNING seq')
      .pluck()
    this.selectSnapshot = this.db.prepare('SELECT data, upto_seq FROM board_snapshots WHERE board_id = ?')
    this.selectUpdates = this.db.prepare(
      'SELECT seq, data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq',
    )
    this.selectLastSeq = this.db.prepare(
      `SELECT MAX(last) AS last FROM (
         SELECT MAX(seq) AS last FROM board_updates WHERE board_id = ?
         UNION ALL SELECT upto_seq FROM board_snapshots WHERE board_id = ?
       )`,
    )
    this.upsertSnapshot = this.db.prepare(
      `INSERT INTO board_snapshots (board_id, data, upto_seq) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
    )
    this.deleteUpdatesUpTo = this.db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?')
    this.appendInTransaction = this.db.transaction((writes: readonly PendingWrite[]) => this.append(writes))
    this.replaceWithSnapshot = this.db.transaction((boardId: string, snapshot: Uint8Array, uptoSeq: number) => {
      this.upsertSnapshot.run(boardId, snapshot, uptoSeq)
      this.deleteUpdatesUpTo.run(boardId, uptoSeq)
    })
  }

  async loadBoard(boardId: string): Promise<StoredBoard> {
    const snapshotRow = this.selectSnapshot.get(boardId)
    const rows = this.selectUpdates.all(boardId, snapshotRow?.upto_seq ?? 0)
    const lastSeq = rows.at(-1)?.seq ?? snapshotRow?.upto_seq ?? 0
    this.lastSeqs.set(boardId, lastSeq)
    return {
      snapshot: snapshotRow ? snapshotRow.data : null,
      updates: rows.map((row) => row.data),
      lastSeq,
    }
  }

  async appendBatches(writes: readonly PendingWrite[]): Promise<number[]> {
    // A lone update (the usual tick of a quiet room) is one statement, which commits by itself: BEGIN and COMMIT would be two more statements on every relayed update.
    const loneUpdate = writes.length === 1 && writes[0]?.updates.length === 1
    return loneUpdate ? this.append(writes) : this.appendInTransaction(writes)
  }

  /** Inserts the updates and moves the per-board counters; the caller makes it one commit. */
  private append(writes: readonly PendingWrite[]): number[] {
    const assigned = new Map<string, number>()
    const seqs = writes.map(({ boardId, updates }) => {
      let seq = assigned.get(boardId) ?? this.lastSeq(boardId)
      for (const update of updates) this.insertUpdate.get(boardId, ++seq, update)
      assigned.set(boardId, seq)
      return seq
    })
    // Only a committed append moves the counters; a rolled-back one leaves them where storage is.
    for (const [boardId, seq] of assigned) this.lastSeqs.set(boardId, seq)
    return seqs
  }

  async storeSnapshot(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.replaceWithSnapshot(boardId, snapshot, uptoSeq)
  }

  private lastSeq(boardId: string): number {
    const known = this.lastSeqs.get(boardId)
    if (known !== undefined) return known
    return this.selectLastSeq.get(boardId, boardId)?.last ?? 0
  }

  private migrateEarlierLayout(): void {
    const existing = this.db
      .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'board_updates'")
      .get()
    if (!existing || !/AUTOINCREMENT|WITHOUT ROWID/i.test(existing.sql)) return
    this.db.transaction(() => this.db.exec(MIGRATE_EARLIER_LAYOUT))()
  }
}
