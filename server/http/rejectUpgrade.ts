import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ApiError, ApiErrorCode } from '../../shared/api.ts'

const CODE_BY_STATUS: Record<number, ApiErrorCode> = { 400: 'bad_request', 403: 'forbidden', 404: 'not_found', 500: 'internal' }

/** Answers an upgrade request with a plain HTTP error, in the API's error shape, instead of leaving the socket hanging. */
export function rejectUpgrade(socket: Duplex, status: 400 | 403 | 404 | 500, message: string): void {
  const body: ApiError = { error: { code: CODE_BY_STATUS[status] ?? 'internal', message } }
  const text = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  )
}
