import type { Redis } from 'ioredis'
import { z } from 'zod'
import type { Logger } from '../logger.ts'
import type { LinkRevocations } from '../ScaleOut.ts'

const noticeSchema = z.object({ from: z.string(), linkIds: z.array(z.string()).max(10_000) })

export interface RedisLinkRevocationsDeps {
  commands: Redis
  subscriber: Redis
  keyPrefix: string
  processId: string
  logger: Logger
}

/**
 * Revoked links over one Redis pub/sub channel, so the board connections
 * opened with them are cut off on every process, not only on the one that
 * revoked them (their workshop connections go through the socket.io adapter).
 */
export class RedisLinkRevocations implements LinkRevocations {
  private readonly channel: string
  private readonly handlers: Array<(linkIds: readonly string[]) => void> = []

  constructor(private readonly deps: RedisLinkRevocationsDeps) {
    this.channel = `${deps.keyPrefix}links:revoked`
    deps.subscriber.on('message', this.handleMessage)
    deps.subscriber.subscribe(this.channel).catch((error: unknown) => deps.logger.error({ err: error }, 'subscribing to link revocations failed'))
  }

  announce(linkIds: readonly string[]): void {
    this.deps.commands
      .publish(this.channel, JSON.stringify({ from: this.deps.processId, linkIds }))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'announcing revoked links failed'))
  }

  listen(handler: (linkIds: readonly string[]) => void): void {
    this.handlers.push(handler)
  }

  close(): void {
    this.deps.subscriber.off('message', this.handleMessage)
  }

  private readonly handleMessage = (channel: string, message: string): void => {
    if (channel !== this.channel) return
    let notice: z.infer<typeof noticeSchema>
    try {
      notice = noticeSchema.parse(JSON.parse(message))
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'an unreadable link revocation notice was ignored')
      return
    }
    if (notice.from === this.deps.processId) return
    for (const handler of this.handlers) handler(notice.linkIds)
  }
}
