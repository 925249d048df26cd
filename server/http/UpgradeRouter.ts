import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { CloseCode } from '../../shared/closeCodes.ts'
import { mayAccessEvent, type AccessControl } from '../auth/AccessControl.ts'
import type { Logger } from '../logger.ts'
import type { WorkshopHub } from '../workshop/WorkshopHub.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { SyncEndpoint } from '../sync/SyncEndpoint.ts'
import { accessForRole } from '../sync/SyncSocket.ts'
import { privateNotesDocId } from '../silentRound/privateNotesDoc.ts'
import { originAllowed } from './originAllowed.ts'
import { participantBoardAccess, privateNotesAccess } from './participantAccess.ts'
import { parseSyncPath, type SyncTarget } from './syncPath.ts'
import { rejectUpgrade } from './rejectUpgrade.ts'

export interface UpgradeRouterDeps {
  access: AccessControl
  events: EventStore
  sync: SyncEndpoint
  workshops: WorkshopHub
  logger: Logger
  publicUrl: string | undefined
}

/**
 * Every WebSocket upgrade passes here. socket.io owns `/socket.io/` (attached
 * with destroyUpgrade off, so it leaves the rest to us); `/yjs/<boardId>` and
 * `/yjs/<boardId>/private` (the sender's own private notes) are authenticated
 * before any data flows; anything else gets a 404 rather than a hanging socket.
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
    const target = parseSyncPath(url.pathname)
    if (!target) {
      rejectUpgrade(socket, 400, 'invalid board id')
      return
    }
    const { boardId } = target
    if (!originAllowed(request.headers.origin, request.headers.host, this.deps.publicUrl)) {
      rejectUpgrade(socket, 403, 'origin not allowed')
      return
    }
    this.authorize(request, socket, head, target, url.searchParams.get('token') ?? undefined).catch((error: unknown) => {
      this.deps.logger.error({ boardId, err: error }, 'authorizing a sync connection failed')
      rejectUpgrade(socket, 500, 'internal error')
    })
  }

  private async authorize(request: IncomingMessage, socket: Duplex, head: Buffer, { boardId, privateNotes }: SyncTarget, token: string | undefined) {
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
    const workshop = await this.deps.workshops.workshop(board.eventId)
    if (privateNotes) {
      if (principal.role === 'viewer') {
        sync.refuseUpgrade(request, socket, head, CloseCode.forbidden, 'a projector has no private notes')
        return
      }
      // The document is named after the token's person, never after anything the client sends.
      const docId = privateNotesDocId(boardId, principal.personId)
      sync.handleUpgrade(request, socket, head, { boardId: docId, access: privateNotesAccess(workshop, boardId), linkId: principal.linkId })
      return
    }
    const connectionAccess = principal.role === 'participant' ? participantBoardAccess(workshop, boardId) : accessForRole(principal.role)
    sync.handleUpgrade(request, socket, head, { boardId, access: connectionAccess, linkId: principal.linkId })
  }
}
