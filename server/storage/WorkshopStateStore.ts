import type { WorkshopState } from '../../shared/workshop/index.ts'

/**
 * The workshop state of each event. A write names the version it was made
 * on: it is stored only when that is still the stored one, so a writer that
 * worked on an older state (another process, later) is refused, not merged.
 */
export interface WorkshopStateStore {
  loadState(eventId: string): Promise<WorkshopState | null>
  /** Stores `state` if the stored version is `state.version - 1` (none stored counts as 0); false when it is not. */
  storeState(state: WorkshopState): Promise<boolean>
  deleteState(eventId: string): Promise<void>
}
