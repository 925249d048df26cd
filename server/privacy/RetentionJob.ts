import { retentionEndsAt } from '../../shared/retention.ts'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { PersonalData } from './PersonalData.ts'

export interface RetentionJobDeps {
  events: EventStore
  personalData: PersonalData
  deleteEvent: (eventId: string) => Promise<boolean>
  /** Injectable, so tests can move time forward past a retention period. */
  now: () => number
  logger: Logger
}

/** Often enough for a period counted in days. */
export const RETENTION_CHECK_INTERVAL_MS = 60 * 60 * 1000
/** The first pass waits a little, so a start (or a quick restart at the venue) is not slowed by it. */
const FIRST_PASS_DELAY_MS = 60 * 1000

/** Ends the retention period of every event whose time has come: its personal data goes, or the whole event when the organiser chose so. */
export class RetentionJob {
  private firstPass: NodeJS.Timeout | null = null
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null

  constructor(private readonly deps: RetentionJobDeps) {}

  start(): void {
    this.firstPass = setTimeout(() => void this.runDue(), FIRST_PASS_DELAY_MS).unref()
    this.timer = setInterval(() => void this.runDue(), RETENTION_CHECK_INTERVAL_MS).unref()
  }

  async stop(): Promise<void> {
    if (this.firstPass) clearTimeout(this.firstPass)
    if (this.timer) clearInterval(this.timer)
    this.firstPass = null
    this.timer = null
    await this.running
  }

  /** One pass over all events; a pass already under way is joined, not doubled. */
  runDue(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async pass(): Promise<void> {
    const now = this.deps.now()
    for (const event of await this.deps.events.listEvents()) {
      if (retentionEndsAt(event).getTime() > now) continue
      if (!event.deleteAfterRetention && event.personalDataRemovedAt !== null) continue
      try {
        if (event.deleteAfterRetention) await this.deps.deleteEvent(event.id)
        else await this.deps.personalData.removeEventPersonalData(event.id)
      } catch (error) {
        this.deps.logger.error({ eventId: event.id, err: error }, 'ending a retention period failed; tried again at the next pass')
      }
    }
  }
}
