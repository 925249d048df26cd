import type { ProfileCard } from '../../shared/profileCard.ts'
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

  storeProfile(eventId: string, participantId: string, card: ProfileCard): Promise<void>
  loadProfiles(eventId: string): Promise<Map<string, ProfileCard>>

  /** One participant's private mark about another after meeting them. */
  storeMark(eventId: string, mark: MatchMark): Promise<void>
  /** Every mark made by or about this participant. */
  marksInvolving(eventId: string, participantId: string): Promise<MatchMark[]>
  countMutualMatches(eventId: string): Promise<number>
  mutualMatches(eventId: string): Promise<MutualMatch[]>

  /** Keeps a revealed vote's counts with its board, for the results report. */
  storeRevealedVote(boardId: string, voteId: string, results: Record<string, number>): Promise<void>
  /** The counts of the board's most recently revealed vote, or null. */
  latestRevealedVote(boardId: string): Promise<Record<string, number> | null>
}

export interface MutualMatch {
  firstId: string
  secondId: string
  /** Both agreed to share their contact, which is also their agreement to be named. */
  bothShared: boolean
}

export interface MatchMark {
  fromId: string
  toId: string
  want: boolean
  shareContact: boolean
}
