import type { Pool } from 'pg'
import type { WorkshopState } from '../../../shared/workshop/index.ts'
import type { WorkshopStateStore } from '../WorkshopStateStore.ts'
import { WORKSHOP_STATE_FORMAT, readStoredWorkshopState, writeStoredWorkshopState } from '../workshopStateFormat.ts'

/** The state stays text with its format number: it is read through the format migrations, like SQLite's. */
export class PostgresWorkshopStateStore implements WorkshopStateStore {
  constructor(private readonly pool: Pool) {}

  async loadState(eventId: string): Promise<WorkshopState | null> {
    const { rows } = await this.pool.query<{ format: number; state: string }>('SELECT format, state FROM workshop_states WHERE event_id = $1', [eventId])
    const row = rows[0]
    return row ? readStoredWorkshopState(row.format, row.state) : null
  }

  async storeState(state: WorkshopState): Promise<boolean> {
    const text = writeStoredWorkshopState(state)
    // One statement each: the version check and the write are atomic, also against another process.
    const { rowCount } =
      state.version === 1
        ? await this.pool.query(
            `INSERT INTO workshop_states (event_id, version, format, state) VALUES ($1, 1, $2, $3)
             ON CONFLICT (event_id) DO UPDATE SET version = 1, format = excluded.format, state = excluded.state WHERE workshop_states.version = 0`,
            [state.eventId, WORKSHOP_STATE_FORMAT, text],
          )
        : await this.pool.query('UPDATE workshop_states SET version = $1, format = $2, state = $3 WHERE event_id = $4 AND version = $5', [
            state.version,
            WORKSHOP_STATE_FORMAT,
            text,
            state.eventId,
            state.version - 1,
          ])
    return rowCount === 1
  }

  async deleteState(eventId: string): Promise<void> {
    await this.pool.query('DELETE FROM workshop_states WHERE event_id = $1', [eventId])
  }
}
