import type { IncomingMessage } from 'node:http'
import { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { CloseCode } from '../../shared/closeCodes.ts'
import { clientAddress } from '../http/clientAddress.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import { encodeBinaryFrame } from './binaryFrame.ts'
import type { BoardRoom } from './BoardRoom.ts'
import { OffenderBudgets } from './OffenderBudgets.ts'
import type { RoomRegistry } from './RoomRegistry.ts'
import type { ConnectionAccess, SyncSocket } from './SyncSocket.ts'

export interface SyncEndpointOptions {
  registry: RoomRegistry
  logger: Logger
  metrics: Metrics
  maxMessageBytes: number
  /** Bytes queued for one client before it is dropped as too slow. */
  maxSendBufferBytes: number
  keepaliveIntervalMs: number
  /** Whether X-Forwarded-For names the client (behind our own reverse proxy), as for Express's `trust proxy`. */
  trustProxy: boolean
}

/** Closes that mean the client broke the protocol, not that it is slow, unlucky or unauthorised. */
const OFFENCE_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.invalidPayload, CloseCode.policyViolation, CloseCode.messageTooBig])

/** Messages a client may send while its board is still loading; a real client sends two or three. */
const MAX_BUFFERED_MESSAGES = 64

/** Frames by message: a room hands the same message to every recipient of a broadcast. */
const framesByMessage = new WeakMap<Uint8Array, Buffer>()

function frameOf(message: Uint8Array): Buffer {
  let frame = framesByMessage.get(message)
  if (!frame) {
    frame = encodeBinaryFrame(message)
    framesByMessage.set(message, frame)
  }
  return frame
}

/** How long a dropped slow client gets to read our close frame before its socket is cut. */
const SLOW_CLOSE_GRACE_MS = 2_000

class WsSyncSocket implements SyncSocket {
  alive = true
  /**
   * The TCP socket under ws. A broadcast writes its one pre-encoded frame
   * here instead of having ws frame the message again for each recipient
   * (header, cork, two-part write): the relay's cost is per recipient.
   * Safe beside ws's own writes because ws writes whole frames at once
   * while it neither compresses (perMessageDeflate is off) nor sends blobs.
   * ws's public `bufferedAmount` counts this socket's queued bytes, so the
   * send bound below sees these writes too; tests/integration/slowConsumer
   * pins both, so an upgrade of ws that changes either fails there.
   */
  private readonly transport: Duplex
  private largestFrameBytes = 0

  constructor(
    readonly ws: WebSocket,
    readonly boardId: string,
    readonly linkId: string | null,
    private readonly maxSendBufferBytes: number,
    private readonly onTooSlow: () => void,
    private readonly onOffence: () => void,
  ) {
    const transport = (ws as unknown as { _socket?: unknown })._socket
    if (!(transport instanceof Duplex)) throw new Error('ws no longer exposes its socket as _socket; the sync relay needs a new send path')
    this.transport = transport
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  get bufferedBytes(): number {
    return this.ws.bufferedAmount
  }

  /** Like ws, sends nothing once a close has begun: a frame after the close frame would break the protocol. */
  send(message: Uint8Array): void {
    if (!this.isOpen) return
    const frame = frameOf(message)
    // A big board's sync step 2 alone may pass the bound; twice the largest frame leaves room for what follows it.
    if (this.ws.bufferedAmount > Math.max(this.maxSendBufferBytes, 2 * this.largestFrameBytes)) {
      this.dropTooSlow()
      return
    }
    this.largestFrameBytes = Math.max(this.largestFrameBytes, frame.byteLength)
    this.transport.write(frame)
  }

  close(code: number, reason: string): void {
    if (OFFENCE_CLOSE_CODES.has(code) && this.isOpen) this.onOffence()
    // A connection paused for sending too fast must read the client's answer to our close frame, or closing waits for ws's 30 s timeout.
    if (this.ws.isPaused) this.ws.resume()
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason)
    }
  }

  /**
   * The client stopped reading (a phone in a pocket, a dead Wi-Fi link): its
   * queue would grow with every edit of the room. It is dropped and syncs
   * afresh when it reconnects; the close frame waits behind the queue, so
   * the socket is cut if the client does not read it soon.
   */
  private dropTooSlow(): void {
    this.onTooSlow()
    this.close(CloseCode.tryAgainLater, 'too slow, reconnect to resync')
    setTimeout(() => this.ws.terminate(), SLOW_CLOSE_GRACE_MS).unref()
  }
}

/** Wires ws connections on `/yjs/<boardId>` to rooms: buffering until the board is loaded, keepalive, limits. */
export class SyncEndpoint {
  private readonly wss: WebSocketServer
  private readonly sockets = new Set<WsSyncSocket>()
  private readonly keepalive: NodeJS.Timeout
  private readonly offenders = new OffenderBudgets()

  constructor(private readonly options: SyncEndpointOptions) {
    // perMessageDeflate stays off: updates are small and mostly incompressible, and deflate costs CPU per recipient.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false })
    this.keepalive = setInterval(() => this.sweep(), options.keepaliveIntervalMs)
    this.keepalive.unref()
    options.metrics.gauge('sync_connections', () => this.sockets.size)
  }

  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    target: { boardId: string; access: ConnectionAccess; linkId: string | null },
  ): void {
    const client = `${clientAddress(request, this.options.trustProxy)} ${target.linkId ?? 'staff'}`
    this.wss.handleUpgrade(request, socket, head, (ws) => this.handleConnection(ws, client, target.boardId, target.access, target.linkId))
  }

  /**
   * Completes the upgrade only to close it with an application code: browsers
   * hide HTTP statuses of failed upgrades, but a close code reaches the client,
   * which then knows not to retry.
   */
  refuseUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => undefined)
      ws.close(code, reason)
    })
  }

  /** Cuts off every connection opened with one of these (now revoked) links. */
  closeLinks(linkIds: readonly string[]): void {
    const revoked = new Set(linkIds)
    for (const socket of this.sockets) {
      if (socket.linkId !== null && revoked.has(socket.linkId)) socket.close(CloseCode.unauthorized, 'link revoked')
    }
  }

  /** Cuts off every connection to these boards, with the close code that tells clients not to come back. */
  closeBoards(boardIds: readonly string[]): void {
    const gone = new Set(boardIds)
    this.closeDocuments((docId) => gone.has(docId))
  }

  /** Closes the connections of every document `gone` matches, as deleted: for documents whose ids are not known one by one. */
  closeDocuments(gone: (docId: string) => boolean): void {
    for (const socket of this.sockets) {
      if (gone(socket.boardId)) socket.close(CloseCode.boardNotFound, 'board deleted')
    }
  }

  /** Tells every client the server restarts (1012), so they come back at once instead of backing off. */
  close(): void {
    clearInterval(this.keepalive)
    for (const socket of this.sockets) socket.close(CloseCode.serviceRestart, 'server restarting')
    this.wss.close()
  }

  /**
   * `client` is who connects (address and link), for the budget an offender
   * keeps across its connections; see OffenderBudgets.
   */
  private handleConnection(ws: WebSocket, client: string, boardId: string, access: ConnectionAccess, linkId: string | null): void {
    const { registry, logger, metrics } = this.options
    const budget = this.offenders.budgetFor(client)
    const pauseReading = (waitMs: number): void => {
      if (waitMs <= 0 || ws.isPaused || ws.readyState !== WebSocket.OPEN) return
      metrics.count('sync_reads_paused_total')
      ws.pause()
      setTimeout(() => {
        if (ws.readyState === WebSocket.OPEN && ws.isPaused) ws.resume()
      }, waitMs).unref()
    }
    const offend = (): void => {
      metrics.count('sync_offences_total')
      this.offenders.recordOffence(client, budget)
    }
    const socket = new WsSyncSocket(
      ws,
      boardId,
      linkId,
      this.options.maxSendBufferBytes,
      () => {
        metrics.count('sync_slow_clients_dropped_total')
        logger.warn({ boardId }, 'dropping a client that stopped reading')
        room?.leave(socket)
      },
      offend,
    )
    this.sockets.add(socket)
    let room: BoardRoom | null = null
    let buffered: Uint8Array[] | null = []
    // An offender back within its minute reads nothing until its shared budget is out of debt.
    pauseReading(budget.waitMs())

    ws.on('error', (error) => {
      // ws has already closed the socket (1009 for an oversized frame); without this listener the process would crash.
      metrics.count('sync_messages_rejected_total', { reason: 'socket-error' })
      logger.warn({ boardId, err: error.message }, 'sync socket error')
      offend()
    })
    ws.on('pong', () => {
      socket.alive = true
    })
    ws.on('message', (data, isBinary) => {
      socket.alive = true
      if (!isBinary) {
        metrics.count('sync_messages_rejected_total', { reason: 'text-frame' })
        room?.leave(socket)
        socket.close(CloseCode.invalidPayload, 'binary frames only')
        return
      }
      const message = toUint8Array(data)
      if (room) {
        room.handleMessage(socket, message)
      } else if (buffered && buffered.length < MAX_BUFFERED_MESSAGES) {
        buffered.push(message)
      } else {
        socket.close(CloseCode.policyViolation, 'too many messages before the board was loaded')
      }
      pauseReading(budget.spend(message.byteLength))
    })
    ws.on('close', () => {
      this.sockets.delete(socket)
      buffered = null
      if (room) {
        room.leave(socket)
        registry.release(room)
      }
    })

    registry.open(boardId).then(
      (opened) => {
        if (!socket.isOpen || opened.isFailed) {
          registry.release(opened)
          socket.close(CloseCode.internalError, 'board unavailable, try again')
          return
        }
        room = opened
        opened.join(socket, access)
        const early = buffered ?? []
        buffered = null
        for (const message of early) opened.handleMessage(socket, message)
      },
      (error: unknown) => {
        logger.error({ boardId, err: error }, 'board could not be loaded; refusing it rather than serving it empty')
        socket.close(CloseCode.boardUnreadable, 'board could not be loaded')
      },
    )
  }

  private sweep(): void {
    for (const socket of this.sockets) {
      if (!socket.alive) {
        socket.ws.terminate()
        continue
      }
      socket.alive = false
      socket.ws.ping()
    }
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
