import type Database from 'better-sqlite3'
import type { Logger } from '../logger.ts'
import type { BoardStore, PendingWrite, StoredBoard } from './BoardStore.ts'
import { UpdateJournal, type JournalRecord } from './UpdateJournal.ts'

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

export interface SqliteBoardStoreOptions {
  /** The update journal in front of the log; updates still in it from a crash are moved into the log on open. */
  journalFile: string
  logger: Logger
  /** How long appended updates wait in the journal before they move into the database together. */
  flushDelayMs?: number
  /** Room in the journal; a batch that does not fit even in an empty one goes straight into the database. */
  journalCapacityBytes?: number
}

/** Journalled updates move into the database at once when this many bytes wait, so memory and the journal stay small under a burst. */
const FLUSH_AT_BYTES = 4 * 1024 * 1024
const DEFAULT_FLUSH_DELAY_MS = 2_000

/**
 * An append goes to the journal (a copy into its memory-mapped file) and is
 * durable from then on; the journalled updates move into the update log
 * every two seconds in one transaction. On a quiet server most ticks carry a
 * single update, and one SQLite commit each (WAL frames, locks, cold caches)
 * cost far more than the copy; a transaction's cost is mostly per page, so
 * moving more updates at once costs less per update. Reads and compaction
 * move the journal into the log first, so the database is the whole truth
 * whenever it is read.
 */
export class SqliteBoardStore implements BoardStore {
  private readonly insertUpdate: Database.Statement<[string, number, Uint8Array]>
  private readonly insertReplayed: Database.Statement<[string, number, Uint8Array, string, number]>
  private readonly selectSnapshot: Database.Statement<[string], { data: Uint8Array; upto_seq: number }>
  private readonly selectUpdates: Database.Statement<[string, number], { seq: number; data: Uint8Array }>
  private readonly selectLastSeq: Database.Statement<[string, string], { last: number | null }>
  private readonly upsertSnapshot: Database.Statement<[string, Uint8Array, number]>
  private readonly deleteUpdatesUpTo: Database.Statement<[string, number]>
  private readonly insertInTransaction: (records: readonly JournalRecord[]) => void
  private readonly replaceWithSnapshot: (boardId: string, snapshot: Uint8Array, uptoSeq: number) => void
  /** The last sequence number used per board, so an append needs no lookup; this process is the file's only writer. */
  private readonly lastSeqs = new Map<string, number>()
  private readonly journal: UpdateJournal
  private readonly flushDelayMs: number
  /** Journalled, not yet in the database; oldest first. */
  private unflushed: JournalRecord[] = []
  private unflushedBytes = 0
  private flushTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteBoardStoreOptions,
  ) {
    this.migrateEarlierLayout()
    this.db.exec(SCHEMA)
    this.insertUpdate = this.db.prepare('INSERT INTO board_updates (board_id, seq, data) VALUES (?, ?, ?)')
    // A replayed record may already be in the log (the crash came after its flush) or inside a snapshot (the board was compacted since).
    this.insertReplayed = this.db.prepare(
      `INSERT OR IGNORE INTO board_updates (board_id, seq, data)
       SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM board_snapshots WHERE board_id = ? AND upto_seq >= ?)`,
    )
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
    this.insertInTransaction = this.db.transaction((records: readonly JournalRecord[]) => {
      for (const { boardId, seq, data } of records) this.insertUpdate.run(boardId, seq, data)
    })
    this.replaceWithSnapshot = this.db.transaction((boardId: string, snapshot: Uint8Array, uptoSeq: number) => {
      this.upsertSnapshot.run(boardId, snapshot, uptoSeq)
      this.deleteUpdatesUpTo.run(boardId, uptoSeq)
    })
    this.flushDelayMs = options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS
    this.journal = this.openJournal()
  }

  async loadBoard(boardId: string): Promise<StoredBoard> {
    this.flush()
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
    const assigned = new Map<string, number>()
    const records: JournalRecord[] = []
    let bytes = 0
    const seqs = writes.map(({ boardId, updates }) => {
      let seq = assigned.get(boardId) ?? this.lastSeq(boardId)
      for (const data of updates) {
        records.push({ boardId, seq: ++seq, data })
        bytes += data.byteLength
      }
      assigned.set(boardId, seq)
      return seq
    })
    if (records.length === 0) return seqs
    const journalled = this.journal.append(records) || this.appendAfterFlush(records)
    // A batch bigger than the whole journal goes straight into the log, after what the journal held.
    if (!journalled) this.insertInTransaction(records)
    // Only a stored append moves the counters; a failed one leaves them where storage is.
    for (const [boardId, seq] of assigned) this.lastSeqs.set(boardId, seq)
    if (!journalled) return seqs
    for (const record of records) this.unflushed.push(record)
    this.unflushedBytes += bytes
    if (this.unflushedBytes >= FLUSH_AT_BYTES) this.flushWhenDue()
    else this.flushTimer ??= setTimeout(this.flushWhenDue, this.flushDelayMs).unref()
    return seqs
  }

  async storeSnapshot(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.flush()
    this.replaceWithSnapshot(boardId, snapshot, uptoSeq)
  }

  async deleteBoard(boardId: string): Promise<void> {
    // Moving the journal into the log first empties it, so none of the board's records is left to replay after a crash.
    this.flush()
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM board_updates WHERE board_id = ?').run(boardId)
      this.db.prepare('DELETE FROM board_snapshots WHERE board_id = ?').run(boardId)
    })()
    this.lastSeqs.delete(boardId)
  }

  async listDocumentIds(prefix: string): Promise<string[]> {
    this.flush()
    // substr instead of LIKE: a prefix may hold '%' or '_'.
    const rows = this.db
      .prepare<[number, string, number, string], { board_id: string }>(
        'SELECT board_id FROM board_updates WHERE substr(board_id, 1, ?) = ? UNION SELECT board_id FROM board_snapshots WHERE substr(board_id, 1, ?) = ?',
      )
      .all(prefix.length, prefix, prefix.length, prefix)
    return rows.map((row) => row.board_id)
  }

  /** Moves the journal into the database and closes it; the database connection stays open. */
  close(): void {
    this.flush()
    this.journal.close()
  }

  /** Moves every journalled update into the log in one transaction, then empties the journal. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = null
    if (this.unflushed.length === 0) return
    this.insertInTransaction(this.unflushed)
    this.unflushed = []
    this.unflushedBytes = 0
    this.journal.clear()
  }

  private appendAfterFlush(records: readonly JournalRecord[]): boolean {
    this.flush()
    return this.journal.append(records)
  }

  private readonly flushWhenDue = (): void => {
    try {
      this.flush()
    } catch (error) {
      // The updates stay journalled (durable) and in memory; the next append, read or tick tries again.
      this.options.logger.error({ err: error }, 'moving journalled updates into the database failed; retrying')
      this.flushTimer ??= setTimeout(this.flushWhenDue, this.flushDelayMs).unref()
    }
  }

  private openJournal(): UpdateJournal {
    const { journal, records, droppedBytes } = UpdateJournal.open(this.options.journalFile, { capacityBytes: this.options.journalCapacityBytes })
    if (droppedBytes > 0) {
      this.options.logger.warn({ file: this.options.journalFile, droppedBytes }, 'update journal ends in an incomplete record (a write cut short); it is dropped')
    }
    if (records.length > 0) {
      this.db.transaction(() => {
        for (const { boardId, seq, data } of records) this.insertReplayed.run(boardId, seq, data, boardId, seq)
      })()
      this.options.logger.info({ updates: records.length }, 'moved updates from the journal into the database')
    }
    journal.clear()
    return journal
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
