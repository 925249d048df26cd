import type { SessionState } from '../../shared/session.ts'

export interface Dot {
  voterId: string
  voterName: string | null
  shapeId: string
}

/** Workshop-control state and votes. Dot placement is atomic per voter, so two connections of one voter cannot exceed the limit. */
export interface SessionStore {
  loadState(eventId: string): Promise<SessionState | null>
  storeState(state: SessionState): Promise<void>
  /** Adds a dot unless the voter already has `limit`; resolves to the voter's dots afterwards, or null when refused. */
  placeDot(voteId: string, boardId: string, dot: Dot, limit: number): Promise<string[] | null>
  /** Removes one of the voter's dots from the shape; resolves to the voter's dots afterwards. */
  removeDot(voteId: string, voterId: string, shapeId: string): Promise<string[]>
  dotsOf(voteId: string, voterId: string): Promise<string[]>
  allDots(voteId: string): Promise<Dot[]>
}
