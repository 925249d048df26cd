import type http from 'node:http'
import { Server } from 'socket.io'
import {
  FACILITATOR_COMMANDS,
  VIEWER_COMMANDS,
  commandSchemas,
  handshakeAuthSchema,
  type CommandName,
  type CommandResult,
  type RosterEntry,
} from '../../shared/session.ts'
import { canFacilitate } from '../../shared/roles.ts'
import { mayAccessEvent, type AccessControl } from '../auth/AccessControl.ts'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { createCommandHandlers } from './commandHandlers.ts'
import { SessionRefusal } from './EventSession.ts'
import type { SessionHub } from './SessionHub.ts'
import type { SessionStore } from './SessionStore.ts'
import type { BreakoutDeps } from '../breakouts/BreakoutControl.ts'
import type { PitchControlDeps } from '../speedDating/PitchControl.ts'
import { SpeedDatingControl, type SpeedDatingDeps } from '../speedDating/SpeedDatingControl.ts'
import {
  eventRoom,
  facilitatorRoom,
  voterRoom,
  type CommandContext,
  type CommandHandler,
  type Parsed,
  type SessionServer,
  type SessionSocket,
  type SocketData,
} from './sessionTypes.ts'

const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024

export interface SessionSocketsDeps {
  access: AccessControl
  events: EventStore
  hub: SessionHub
  sessions: SessionStore
  logger: Logger
  allowOrigin: (origin: string | undefined, host: string | undefined) => boolean
  speedDating: SpeedDatingDeps
  pitch: PitchControlDeps
  breakouts: BreakoutDeps
}


/**
 * Workshop control over socket.io: the handshake is authenticated with the
 * same tokens as HTTP and sync, every command is parsed and role-checked, and
 * the session's stored state is broadcast to the event.
 */
export function attachSessionSockets(httpServer: http.Server, deps: SessionSocketsDeps): SessionServer {
  const { access, events, hub, logger } = deps
  const io: SessionServer = new Server(httpServer, {
    // Our own upgrade router answers every other path; engine.io must not destroy those sockets.
    destroyUpgrade: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    serveClient: false,
    allowRequest: (req, callback) => callback(null, deps.allowOrigin(req.headers.origin, req.headers.host)),
  })

  hub.listen({
    onChange: (state) => io.to(eventRoom(state.eventId)).emit('session:state', state),
    onMyVote: (eventId, voterId, mine) => io.to(voterRoom(eventId, voterId)).emit('vote:mine', mine),
  })

  access.onRevoked((linkIds) => {
    const revoked = new Set(linkIds)
    for (const socket of io.sockets.sockets.values()) {
      const linkId = socket.data.principal.linkId
      if (linkId !== null && revoked.has(linkId)) socket.disconnect(true)
    }
  })

  io.use((socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth)
    if (!auth.success) {
      next(new Error('unauthorized'))
      return
    }
    authenticateSocket(auth.data.token, auth.data.eventId).then(
      (data) => {
        if (typeof data === 'string') {
          next(new Error(data))
          return
        }
        Object.assign(socket.data, data)
        next()
      },
      (error: unknown) => {
        logger.error({ err: error }, 'socket handshake failed')
        next(new Error('internal'))
      },
    )
  })

  async function authenticateSocket(token: string, eventId: string): Promise<SocketData | 'unauthorized' | 'forbidden' | 'not_found'> {
    const principal = await access.authenticate(token)
    if (!principal) return 'unauthorized'
    if (!mayAccessEvent(principal, eventId)) return 'forbidden'
    if (!(await events.getEvent(eventId))) return 'not_found'
    return {
      principal,
      eventId,
      voterId: principal.linkId ?? 'admin',
      session: await hub.session(eventId),
      profile: null,
      boardId: null,
      handRaised: false,
      reactionTimes: [],
    }
  }

  function broadcastRoster(eventId: string): void {
    const entries: RosterEntry[] = []
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.eventId !== eventId) continue
      entries.push({
        connectionId: socket.id,
        role: socket.data.principal.role,
        name: socket.data.profile?.name ?? null,
        side: socket.data.profile?.side ?? null,
        boardId: socket.data.boardId,
        handRaised: socket.data.handRaised,
      })
    }
    io.to(facilitatorRoom(eventId)).emit('roster', entries)
  }

  io.on('connection', (socket: SessionSocket) => {
    const { eventId, principal, voterId, session } = socket.data
    void socket.join([eventRoom(eventId), voterRoom(eventId, voterId)])
    if (canFacilitate(principal.role)) void socket.join(facilitatorRoom(eventId))

    for (const name of Object.keys(commandSchemas) as CommandName[]) {
      socket.on(name, ((payload: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (result: CommandResult) => void) : null
        handleCommand(socket, name, payload).then(
          (result) => {
            if (reply) reply(result)
            else if (!result.ok) socket.emit('session:error', result.error)
          },
          (error: unknown) => logger.error({ eventId, command: name, err: error }, 'session command failed'),
        )
      }) as never)
    }
    socket.on('time:now', (ack) => {
      if (typeof ack === 'function') ack(Date.now())
    })
    socket.on('disconnect', () => broadcastRoster(eventId))

    socket.emit('session:me', { participantId: voterId })
    socket.emit('session:state', session.snapshot)
    new SpeedDatingControl(session, deps.speedDating)
      .matchesOf(voterId)
      .then(
        (mine) => socket.emit('matches:mine', mine),
        (error: unknown) => logger.error({ eventId, err: error }, 'reading matches failed'),
      )
    session.myVote(voterId).then(
      (mine) => mine && socket.emit('vote:mine', mine),
      (error: unknown) => logger.error({ eventId, err: error }, 'reading dots failed'),
    )
    broadcastRoster(eventId)
  })

  async function handleCommand(socket: SessionSocket, name: CommandName, payload: unknown): Promise<CommandResult> {
    const { principal, session } = socket.data
    if (principal.role === 'viewer' ? !VIEWER_COMMANDS.has(name) : FACILITATOR_COMMANDS.has(name) && !canFacilitate(principal.role)) {
      return refusal('forbidden', `your role (${principal.role}) may not send ${name}`)
    }
    try {
      await runCommand(name, payload, { socket, session, actor: { voterId: socket.data.voterId, name: socket.data.profile?.name ?? null } })
      return { ok: true }
    } catch (error) {
      if (error instanceof SessionRefusal) return refusal(error.code, error.message)
      logger.error({ eventId: socket.data.eventId, command: name, err: error }, 'session command failed')
      return refusal('internal', 'the server could not do that')
    }
  }

  const handlers = createCommandHandlers({ io, deps, broadcastRoster, presentParticipants })

  /** Participants connected right now; only they are seated in the next round. */
  function presentParticipants(eventId: string): string[] {
    const ids = new Set<string>()
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.eventId === eventId && socket.data.principal.role === 'participant') ids.add(socket.data.voterId)
    }
    return Array.from(ids)
  }

  function runCommand<C extends CommandName>(name: C, payload: unknown, context: CommandContext): Promise<void> | void {
    const parsed = commandSchemas[name].safeParse(payload ?? {})
    if (!parsed.success) throw new SessionRefusal('invalid', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
    const handler: CommandHandler<C> = handlers[name]
    return handler(parsed.data as Parsed<C>, context)
  }

  return io
}

function refusal(code: Extract<CommandResult, { ok: false }>['error']['code'], message: string): CommandResult {
  return { ok: false, error: { code, message } }
}
