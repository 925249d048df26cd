import type { EventInfo } from '../../../shared/api.ts'
import { formatGermanDate } from '../../../shared/dates.ts'
import { retentionEndsAt } from '../../../shared/retention.ts'

/** The day an event's personal data goes, as people here write dates (08.02.2025). */
export function retentionDay(event: Pick<EventInfo, 'date' | 'createdAt' | 'retentionDays'>): string {
  return formatGermanDate(retentionEndsAt(event).toISOString())
}
