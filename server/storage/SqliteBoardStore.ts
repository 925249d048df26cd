import type Database from 'better-sqlite3'
import type { BoardStore, PendingWrite, StoredBoard } from './BoardStore.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS board_snapshots (
  board_id TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS board_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS board_updates_by_board ON board_updates (board_id, seq);
`

export class SqliteBoardStore implements BoardStore {
  private readonly insertUpdate: Database.Statement<[string, Uint8Array]>
  private readonly selectSnapshot: Database.Statement<[string], { data: Uint8Array; upto_seq: number }>
  private readonly selectUpdates: Database.Statement<[string, number], { seq: number; data: Uint8Array }>
  private readonly upsertSnapshot: Database.Statement<[string, Uint8Array, number]>
  private readonly deleteUpdatesUpTo: Database.Statement<[string, number]>
  private readonly appendMany: (writes: readonly PendingWrite[]) => number[]
  private readonly replaceWithSnapshot: (boardId: string, snapshot: Uint8Array, uptoSeq: number) => void

  constructor(private readonly db: Database.Database) {
    this.db.exec(SCHEMA)
    this.insertUpdate = this.db.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)')
    this.selectSnapshot = this.db.prepare('SELECT data, upto_seq FROM board_snapshots WHERE board_id = ?')
    this.selectUpdates = this.db.prepare(
      'SELECT seq, data FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq',
    )
    this.upsertSnapshot = this.db.prepare(
      `INSERT INTO board_snapshots (board_id, data, upto_seq) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
    )
    this.deleteUpdatesUpTo = this.db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?')
    this.appendMany = this.db.transaction((writes: readonly PendingWrite[]) =>
      writes.map(({ boardId, updates }) => {
        let seq = 0
        for (const update of updates) seq = Number(this.insertUpdate.run(boardId, update).lastInsertRowid)
        return seq
      }),
    )
    this.replaceWithSnapshot = this.db.transaction((boardId: string, snapshot: Uint8Array, uptoSeq: number) => {
      this.upsertSnapshot.run(boardId, snapshot, uptoSeq)
      this.deleteUpdatesUpTo.run(boardId, uptoSeq)
    })
  }

  async loadBoard(boardId: string): Promise<StoredBoard> {
    const snapshotRow = this.selectSnapshot.get(boardId)
    const rows = this.selectUpdates.all(boardId, snapshotRow?.upto_seq ?? 0)
    return {
      snapshot: snapshotRow ? snapshotRow.data : null,
      updates: rows.map((row) => row.data),
      lastSeq: rows.at(-1)?.seq ?? snapshotRow?.upto_seq ?? 0,
    }
  }

  async appendBatches(writes: readonly PendingWrite[]): Promise<number[]> {
    return this.appendMany(writes)
  }

  async storeSnapshot(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.replaceWithSnapshot(boardId, snapshot, uptoSeq)
  }
}
