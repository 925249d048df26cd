export interface MatchMark {
  fromId: string
  toId: string
  want: boolean
  shareContact: boolean
}

export interface MutualMatch {
  firstId: string
  secondId: string
  /** Both agreed to share their contact, which is also their agreement to be named. */
  bothShared: boolean
}

/** The private follow-up marks of speed-dating; two marks that want each other are a match. */
export interface MatchStore {
  storeMark(eventId: string, mark: MatchMark): Promise<void>
  /** Every mark made by or about this person. */
  marksInvolving(eventId: string, personId: string): Promise<MatchMark[]>
  countMutualMatches(eventId: string): Promise<number>
  mutualMatches(eventId: string): Promise<MutualMatch[]>
  /** Deletes the event's marks: every one, or only those made by or about the person when `personId` is given. */
  deleteMarks(eventId: string, personId?: string): Promise<void>
}
