/** How long personal data of an event is kept after its day, unless the organiser sets another period. */
export const DEFAULT_RETENTION_DAYS = 90
export const MAX_RETENTION_DAYS = 3650

const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionTerms {
  /** The event's day (YYYY-MM-DD); an event without one counts from its creation. */
  date: string | null
  createdAt: string
  retentionDays: number
}

/** When the event's personal data is removed: the period counts from the start of the event's day (UTC). */
export function retentionEndsAt(terms: RetentionTerms): Date {
  const start = terms.date ?? terms.createdAt.slice(0, 10)
  return new Date(Date.parse(`${start}T00:00:00.000Z`) + (terms.retentionDays + 1) * DAY_MS)
}
