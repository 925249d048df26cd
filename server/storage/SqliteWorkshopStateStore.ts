import type Database from 'better-sqlite3'
import type { WorkshopState } from '../../shared/workshop/index.ts'
import { cachedStatements, type PrepareCached } from './openSqliteDatabase.ts'
import type { WorkshopStateStore } from './WorkshopStateStore.ts'
import { WORKSHOP_STATE_FORMAT, readStoredWorkshopState, writeStoredWorkshopState } from './workshopStateFormat.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS workshop_states (
  event_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  format INTEGER NOT NULL,
  state TEXT NOT NULL
);
`

export class SqliteWorkshopStateStore implements WorkshopStateStore {
  private readonly prepare: PrepareCached

  constructor(private readonly db: Database.Database) {
    this.prepare = cachedStatements(db)
    db.exec(SCHEMA)
    this.adoptFormat1Table()
  }

  async loadState(eventId: string): Promise<WorkshopState | null> {
    const row = this.prepare<[string], { format: number; state: string }>('SELECT format, state FROM workshop_states WHERE event_id = ?').get(eventId)
    if (!row) return null
    return readStoredWorkshopState(row.format, row.state)
  }

  async storeState(state: WorkshopState): Promise<boolean> {
    const text = writeStoredWorkshopState(state)
    const changes =
      state.version === 1
        ? this
            .prepare('INSERT INTO workshop_states (event_id, version, format, state) VALUES (?, 1, ?, ?) ON CONFLICT (event_id) DO UPDATE SET version = 1, format = excluded.format, state = excluded.state WHERE version = 0')
            .run(state.eventId, WORKSHOP_STATE_FORMAT, text).changes
        : this
            .prepare('UPDATE workshop_states SET version = ?, format = ?, state = ? WHERE event_id = ? AND version = ?')
            .run(state.version, WORKSHOP_STATE_FORMAT, text, state.eventId, state.version - 1).changes
    return changes === 1
  }

  async deleteState(eventId: string): Promise<void> {
    this.prepare('DELETE FROM workshop_states WHERE event_id = ?').run(eventId)
  }

  /** Data directories of the first release kept format-1 states in session_states; they move over once, unchanged, and are migrated when read. */
  private adoptFormat1Table(): void {
    const old = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'session_states'").get()
    if (!old) return
    this.db.transaction(() => {
      this.db.exec(`INSERT OR IGNORE INTO workshop_states (event_id, version, format, state) SELECT event_id, 0, 1, state FROM session_states;
        DROP TABLE session_states;`)
    })()
  }
}
