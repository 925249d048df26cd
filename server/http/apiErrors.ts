import type { ErrorRequestHandler, Response } from 'express'
import type { ZodError } from 'zod'
import type { ApiError, ApiErrorCode } from '../../shared/api.ts'
import type { Logger } from '../logger.ts'

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
}

/** An expected refusal; the error handler turns it into `{ error: { code, message } }`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export function sendApiError(res: Response, code: ApiErrorCode, message: string): void {
  const body: ApiError = { error: { code, message } }
  res.status(STATUS_BY_CODE[code]).json(body)
}

export function invalidBody(error: ZodError): ApiFailure {
  const details = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')
  return new ApiFailure('bad_request', `invalid request: ${details}`)
}

/** The last middleware: known failures keep their code, body-parser errors keep their status, anything else is a 500 that is logged. */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error)
      return
    }
    if (error instanceof ApiFailure) {
      sendApiError(res, error.code, error.message)
      return
    }
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500
    if (status === 413) {
      sendApiError(res, 'payload_too_large', 'request body too large')
    } else if (status === 400) {
      sendApiError(res, 'bad_request', 'request body is not valid JSON')
    } else if (status === 415) {
      sendApiError(res, 'unsupported_media_type', 'unsupported content type')
    } else {
      logger.error({ err: error, method: req.method, path: req.path }, 'request failed')
      sendApiError(res, 'internal', 'something went wrong on the server')
    }
  }
}
