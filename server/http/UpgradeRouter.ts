import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { isBoardId } from '../../shared/boardId.ts'
import { CloseCode } from '../../shared/closeCodes.ts'
import { mayAccessEvent, type AccessControl } from '../auth/AccessControl.ts'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { SyncEndpoint } from '../sync/SyncEndpoint.ts'
import { accessForRole } from '../sync/SyncSocket.ts'
import { rejectUpgrade } from './rejectUpgrade.ts'

export interface UpgradeRouterDeps {
  access: AccessControl
  events: EventStore
  sync: SyncEndpoint
  logger: Logger
  publicUrl: string | undefined
}

/**
 * Every WebSocket upgrade passes here. socket.io owns `/socket.io/` (attached
 * with destroyUpgrade off, so it leaves the rest to us); `/yjs/<boardId>` is
 * authenticated before any board data flows; anything else gets a 404 rather
 * than a hanging socket.
 */
export class UpgradeRouter {
  constructor(private readonly deps: UpgradeRouterDeps) {}

  handle(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname.startsWith('/socket.io/')) return
    socket.on('error', (error) => this.deps.logger.debug({ err: error.message }, 'upgrade socket error'))
    if (!url.pathname.startsWith('/yjs/')) {
      rejectUpgrade(socket, 404, 'no WebSocket endpoint at this path')
      return
    }
    const boardId = url.pathname.slice('/yjs/'.length)
    if (!isBoardId(boardId)) {
      rejectUpgrade(socket, 400, 'invalid board id')
      return
    }
    if (!this.originAllowed(request)) {
      rejectUpgrade(socket, 403, 'origin not allowed')
      return
    }
    this.authorize(request, socket, head, boardId, url.searchParams.get('token') ?? undefined).catch((error: unknown) => {
      this.deps.logger.error({ boardId, err: error }, 'authorizing a sync connection failed')
      rejectUpgrade(socket, 500, 'internal error')
    })
  }

  private async authorize(request: IncomingMessage, socket: Duplex, head: Buffer, boardId: string, token: string | undefined) {
    const { access, events, sync } = this.deps
    const principal = await access.authenticate(token)
    if (!principal) {
      sync.refuseUpgrade(request, socket, head, CloseCode.unauthorized, 'unknown or revoked token')
      return
    }
    const board = await events.getBoard(boardId)
    if (!board) {
      sync.refuseUpgrade(request, socket, head, CloseCode.boardNotFound, 'no such board')
      return
    }
    if (!mayAccessEvent(principal, board.eventId)) {
      sync.refuseUpgrade(request, socket, head, CloseCode.forbidden, 'this board belongs to another event')
      return
    }
    sync.handleUpgrade(request, socket, head, { boardId, access: accessForRole(principal.role), linkId: principal.linkId })
  }

  /** Browsers always send Origin; tools and the Node provider do not, and are authenticated by token alone. */
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin
    if (!origin) return true
    let originHost: string
    try {
      originHost = new URL(origin).host
    } catch {
      return false
    }
    if (this.deps.publicUrl && new URL(this.deps.publicUrl).host === originHost) return true
    return originHost === request.headers.host
  }
}
