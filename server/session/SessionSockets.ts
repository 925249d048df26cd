import type http from 'node:http'
import { Server, type Socket } from 'socket.io'
import type { z } from 'zod'
import {
  FACILITATOR_COMMANDS,
  VIEWER_COMMANDS,
  commandSchemas,
  handshakeAuthSchema,
  type ClientToServerEvents,
  type CommandName,
  type CommandResult,
  type Profile,
  type Reaction,
  type RosterEntry,
  type ServerToClientEvents,
} from '../../shared/session.ts'
import { canFacilitate } from '../../shared/roles.ts'
import { mayAccessEvent, type AccessControl, type Principal } from '../auth/AccessControl.ts'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { Actor, EventSession } from './EventSession.ts'
import { SessionRefusal } from './EventSession.ts'
import type { SessionHub } from './SessionHub.ts'

interface SocketData {
  principal: Principal
  eventId: string
  voterId: string
  session: EventSession
  profile: Profile | null
  boardId: string | null
  handRaised: boolean
  reactionTimes: number[]
}

type SessionSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type SessionServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

type Parsed<C extends CommandName> = z.infer<(typeof commandSchemas)[C]>

interface CommandContext {
  socket: SessionSocket
  session: EventSession
  actor: Actor
}

type CommandHandler<C extends CommandName> = (data: Parsed<C>, context: CommandContext) => Promise<void> | void

const REACTIONS_PER_WINDOW = 5
const REACTION_WINDOW_MS = 10_000
const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024

export interface SessionSocketsDeps {
  access: AccessControl
  events: EventStore
  hub: SessionHub
  logger: Logger
  allowOrigin: (origin: string | undefined, host: string | undefined) => boolean
}

const eventRoom = (eventId: string) => `event:${eventId}`
const facilitatorRoom = (eventId: string) => `event:${eventId}:facilitators`
const voterRoom = (eventId: string, voterId: string) => `event:${eventId}:voter:${voterId}`

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

    socket.emit('session:state', session.snapshot)
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

  function runCommand<C extends CommandName>(name: C, payload: unknown, context: CommandContext): Promise<void> | void {
    const parsed = commandSchemas[name].safeParse(payload ?? {})
    if (!parsed.success) throw new SessionRefusal('invalid', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
    const handler: CommandHandler<C> = handlers[name]
    return handler(parsed.data as Parsed<C>, context)
  }

  const handlers: { [C in CommandName]: CommandHandler<C> } = {
    'phase:set': (data, { session }) => session.setPhase(data),
    'phase:step': (data, { session }) => session.stepPhase(data),
    'timer:start': (data, { session }) => session.startTimer(data),
    'timer:pause': (_data, { session }) => session.pauseTimer(),
    'timer:resume': (_data, { session }) => session.resumeTimer(),
    'timer:add': (data, { session }) => session.addToTimer(data),
    'timer:stop': (_data, { session }) => session.stopTimer(),
    'spotlight:start': (data, { session }) => session.startSpotlight(data),
    'spotlight:end': (_data, { session }) => session.endSpotlight(),
    'board:lock': (data, { session }) => session.lockBoard(data),
    'board:unlock': (data, { session }) => session.unlockBoard(data),
    'vote:open': (data, { session }) => session.openVote(data),
    'vote:close': (_data, { session }) => session.closeVote(),
    'vote:reveal': (_data, { session }) => session.revealVote(),
    'vote:place': (data, { session, actor }) => session.placeDot(data, actor),
    'vote:remove': (data, { session, actor }) => session.removeDot(data, actor),
    'reactions:names': (data, { session }) => session.showReactionNames(data),
    'reaction:send': (data, { socket }) => sendReaction(socket, data.reaction),
    'hand:set': (data, { socket }) => {
      socket.data.handRaised = data.raised
      broadcastRoster(socket.data.eventId)
    },
    'presence:set': (data, { socket }) => {
      socket.data.profile = data.profile
      socket.data.boardId = data.boardId
      broadcastRoster(socket.data.eventId)
    },
  }

  function sendReaction(socket: SessionSocket, reaction: Reaction): void {
    const now = Date.now()
    const recent = socket.data.reactionTimes.filter((at) => at > now - REACTION_WINDOW_MS)
    if (recent.length >= REACTIONS_PER_WINDOW) throw new SessionRefusal('rate_limited', 'slow down: a few reactions every ten seconds')
    recent.push(now)
    socket.data.reactionTimes = recent
    const showNames = socket.data.session.snapshot.showReactionNames
    io.to(eventRoom(socket.data.eventId)).emit('reaction', {
      reaction,
      name: showNames ? (socket.data.profile?.name ?? null) : null,
      side: socket.data.profile?.side ?? null,
      at: now,
    })
  }

  return io
}

function refusal(code: Extract<CommandResult, { ok: false }>['error']['code'], message: string): CommandResult {
  return { ok: false, error: { code, message } }
}
