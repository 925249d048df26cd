export interface Dot {
  personId: string
  /** The name shown beside the dot when an open (not anonymous) vote is revealed. */
  personName: string | null
  shapeId: string
}

/** Dots of dot votes, and the counts of revealed votes. Placing a dot is atomic per person, so two connections of one person cannot exceed the limit. */
export interface VoteStore {
  /** Adds a dot unless the person already has `limit`; resolves to the person's dots afterwards, or null when refused. */
  placeDot(voteId: string, boardId: string, dot: Dot, limit: number): Promise<string[] | null>
  /** Removes one of the person's dots from the shape; resolves to the person's dots afterwards. */
  removeDot(voteId: string, personId: string, shapeId: string): Promise<string[]>
  dotsOf(voteId: string, personId: string): Promise<string[]>
  allDots(voteId: string): Promise<Dot[]>
  /** Keeps a revealed vote's counts with its board, for the results report. */
  storeRevealedVote(boardId: string, voteId: string, results: Record<string, number>): Promise<void>
  /** The counts of the board's most recently revealed vote, or null. */
  latestRevealedVote(boardId: string): Promise<Record<string, number> | null>
  /** Keeps the board's dots but not who placed them: everyone's, or one person's when `personId` is given. */
  anonymiseDots(boardId: string, personId?: string): Promise<void>
  /** Drops the board's dots and revealed counts. */
  deleteBoardVotes(boardId: string): Promise<void>
}

/** Whose dots are anonymised: they still count, but belong to nobody. */
export const ANONYMOUS_VOTER_ID = 'anonym'
