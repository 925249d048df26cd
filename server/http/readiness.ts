import type { RequestHandler } from 'express'
import type { Logger } from '../logger.ts'
import type { Storage } from '../storage/Storage.ts'

/** An id no event has: reading it proves storage answers without touching real data. */
const PROBE_EVENT_ID = 'readiness-probe'

export interface ReadinessDeps {
  storage: Storage
  /** Why the link to the other processes (Redis) is down, or null. */
  scaleOutProblem: () => Promise<string | null>
  logger: Logger
}

/**
 * `/readyz`: whether this process can serve now (storage and Redis answer),
 * for a load balancer to route around it; `/healthz` only says it is alive.
 */
export function readinessRoute({ storage, scaleOutProblem, logger }: ReadinessDeps): RequestHandler {
  return (_req, res) => {
    const storageProblem = storage.events.getEvent(PROBE_EVENT_ID).then(
      () => null,
      (error: unknown) => {
        logger.warn({ err: error }, 'readiness: storage does not answer')
        return `storage: ${error instanceof Error ? error.message : String(error)}`
      },
    )
    void Promise.all([storageProblem, scaleOutProblem()]).then((problems) => {
      const reasons = problems.filter((problem): problem is string => problem !== null)
      if (reasons.length === 0) res.json({ ok: true })
      else res.status(503).json({ ok: false, reasons })
    })
  }
}
