import type { NextFunction, Request, Response } from 'express'
import { isBoardId } from '../../shared/boardId.ts'
import { canEditBoards, canFacilitate } from '../../shared/roles.ts'
import { mayAccessEvent, type AccessControl, type Principal } from '../auth/AccessControl.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { ApiFailure } from './apiErrors.ts'

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization')
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  return match?.[1]
}

/** Resolves the bearer token into res.locals.principal or answers 401. */
export function requireAuth(access: AccessControl) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = await access.authenticate(bearerToken(req))
    if (!principal) {
      next(new ApiFailure('unauthorized', 'missing, unknown or revoked token'))
      return
    }
    res.locals.principal = principal
    next()
  }
}

export function principalOf(res: Response): Principal {
  const principal: unknown = res.locals.principal
  if (!principal) throw new Error('requireAuth must run before this handler')
  return principal as Principal
}

export function assertEventRole(principal: Principal, eventId: string): void {
  if (!mayAccessEvent(principal, eventId)) throw new ApiFailure('forbidden', 'this token belongs to another event')
}

export function assertFacilitator(principal: Principal, eventId: string): void {
  assertEventRole(principal, eventId)
  if (!canFacilitate(principal.role)) throw new ApiFailure('forbidden', 'only the facilitators of this event may do this')
}

export function assertAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ApiFailure('forbidden', 'only the server admin may do this')
}

/** For routes under /api/boards/:boardId that change a board: the token must be of the board's event and may edit. */
export function requireBoardEditor(events: EventStore) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const boardId = req.params.boardId
    if (typeof boardId !== 'string' || !isBoardId(boardId)) throw new ApiFailure('bad_request', 'invalid board id')
    const board = await events.getBoard(boardId)
    if (!board) throw new ApiFailure('not_found', 'no such board')
    const principal = principalOf(res)
    assertEventRole(principal, board.eventId)
    if (!canEditBoards(principal.role)) throw new ApiFailure('forbidden', 'this link may only look, not add images')
    next()
  }
}
