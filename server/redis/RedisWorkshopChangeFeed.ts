import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { Logger } from '../logger.ts'
import type { WorkshopChangeFeed, WorkshopChangeNotice } from '../workshop/WorkshopChangeFeed.ts'

const noticeSchema = z.union([
  z.object({ from: z.string(), eventId: z.string(), version: z.number().int().positive() }),
  z.object({ from: z.string(), eventId: z.string(), deleted: z.literal(true) }),
])

export interface RedisWorkshopChangeFeedDeps {
  commands: Redis
  subscriber: Redis
  keyPrefix: string
  processId: string
  logger: Logger
}

/**
 * Workshop changes over one Redis pub/sub channel. A lost notice (Redis
 * away) costs little: every command re-reads the stored state under the
 * event's lock, and a joining connection reads it too.
 */
export class RedisWorkshopChangeFeed implements WorkshopChangeFeed {
  private readonly channel: string
  private readonly handlers: Array<{ onNotice: (notice: WorkshopChangeNotice) => void; onGap: () => void }> = []
  private subscribedBefore = false

  constructor(private readonly deps: RedisWorkshopChangeFeedDeps) {
    this.channel = `${deps.keyPrefix}workshop:changes`
    deps.subscriber.on('message', this.handleMessage)
    deps.subscriber.on('ready', this.handleReady)
    deps.subscriber.subscribe(this.channel).catch((error: unknown) => deps.logger.error({ err: error }, 'subscribing to workshop changes failed'))
  }

  announce(notice: WorkshopChangeNotice): void {
    this.deps.commands
      .publish(this.channel, JSON.stringify({ from: this.deps.processId, ...notice }))
      .catch((error: unknown) => this.deps.logger.warn({ eventId: notice.eventId, err: error }, 'announcing a workshop change failed'))
  }

  listen(handlers: { onNotice: (notice: WorkshopChangeNotice) => void; onGap: () => void }): void {
    this.handlers.push(handlers)
  }

  close(): void {
    this.deps.subscriber.off('message', this.handleMessage)
    this.deps.subscriber.off('ready', this.handleReady)
  }

  /** Pub/sub keeps nothing for a subscriber that was away: after a reconnect, whatever was announced meanwhile is unknown. */
  private readonly handleReady = (): void => {
    if (!this.subscribedBefore) {
      this.subscribedBefore = true
      return
    }
    for (const { onGap } of this.handlers) onGap()
  }

  private readonly handleMessage = (channel: string, message: string): void => {
    if (channel !== this.channel) return
    let parsed: z.infer<typeof noticeSchema>
    try {
      parsed = noticeSchema.parse(JSON.parse(message))
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'an unreadable workshop change notice was ignored')
      return
    }
    if (parsed.from === this.deps.processId) return
    const notice: WorkshopChangeNotice = 'deleted' in parsed ? { eventId: parsed.eventId, deleted: true } : { eventId: parsed.eventId, version: parsed.version }
    for (const { onNotice } of this.handlers) onNotice(notice)
  }
}
