import type { IncomingMessage } from 'node:http'

/**
 * The address a request comes from. Behind our own reverse proxy
 * (`trustProxy`), the first entry of X-Forwarded-For, as Express's
 * `req.ip` with `trust proxy` on; otherwise the socket's peer, since a
 * client can write any X-Forwarded-For it likes.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for']
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim()
    if (first) return first
  }
  return request.socket.remoteAddress ?? 'unknown'
}
