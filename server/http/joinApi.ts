import { Router } from 'express'
import { joinBodySchema, type JoinResult } from '../../shared/api.ts'
import { normalizeJoinCode } from '../../shared/joinCode.ts'
import type { AccessControl } from '../auth/AccessControl.ts'
import { ApiFailure } from './apiErrors.ts'
import { baseUrl, linkUrl } from './eventsApi.ts'
import type { FailedAttemptLimiter } from './FailedAttemptLimiter.ts'
import { parseBody } from './parseRequest.ts'

export interface JoinApiDeps {
  access: AccessControl
  limiter: FailedAttemptLimiter
  publicUrl: string | undefined
}

/** `POST /api/join {code}`: the one route without a token. Wrong codes are counted per IP, so guessing is slow. */
export function createJoinApi({ access, limiter, publicUrl }: JoinApiDeps): Router {
  const router = Router()
  router.post('/join', async (req, res) => {
    const ip = req.ip ?? 'unknown'
    const waitMs = limiter.retryAfterMs(ip)
    if (waitMs > 0) {
      res.set('Retry-After', String(Math.ceil(waitMs / 1000)))
      throw new ApiFailure('too_many_requests', 'too many wrong codes; wait a minute and try again')
    }
    const { code } = parseBody(joinBodySchema, req.body)
    const joined = await access.joinByCode(normalizeJoinCode(code))
    if (joined === 'unknown_code') {
      limiter.recordFailure(ip)
      throw new ApiFailure('not_found', 'this code is not (or no longer) valid')
    }
    if (joined === 'event_full') throw new ApiFailure('conflict', 'this event has as many devices as it may; ask the facilitators')
    limiter.recordSuccess(ip)
    const result: JoinResult = {
      token: joined.token,
      eventId: joined.link.eventId,
      url: linkUrl(baseUrl(req, publicUrl), joined.link.eventId, joined.link.role, joined.token),
    }
    res.status(201).json(result)
  })
  return router
}
