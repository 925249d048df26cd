import type http from 'node:http'
import { Server } from 'socket.io'
import { canFacilitate } from '../../shared/roles.ts'
import {
  COMMAND_NAMES,
  audienceAdmits,
  handshakeAuthSchema,
  workshopCommands,
  type CommandName,
  type CommandResult,
  type ParsedCommand,
  type RosterEntry,
  type ServerErrorCode,
  type WorkshopState,
} from '../../shared/workshop/index.ts'
import { mayAccessEvent, type AccessControl } from '../auth/AccessControl.ts'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { CommandRegistry } from './CommandRegistry.ts'
import type { EventChanges } from './EventChanges.ts'
import type { Workshop } from './Workshop.ts'
import type { WorkshopHub } from './WorkshopHub.ts'
import { WorkshopRefusal } from './WorkshopRefusal.ts'
import type { EventChannel, Sender } from './WorkshopFeature.ts'
import { eventRoom, facilitatorRoom, linkRoom, personRoom, projectorRoom, type SocketData, type WorkshopServer, type WorkshopSocket } from './socketTypes.ts'

const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024

export interface WorkshopSocketsDeps {
  access: AccessControl
  events: EventStore
  hub: WorkshopHub
  registry: CommandRegistry
  changes: EventChanges
  logger: Logger
  allowOrigin: (origin: string | undefined, host: string | undefined) => boolean
}

/**
 * Workshop control over socket.io: the handshake is authenticated with the
 * same tokens as HTTP and sync; every command is role-checked against the
 * command table, parsed, and run by its feature under the event's lock; the
 * stored state is broadcast to the event.
 */
export function attachWorkshopSockets(httpServer: http.Server, deps: WorkshopSocketsDeps): WorkshopServer {
  const { access, events, hub, registry, logger } = deps
  const io: WorkshopServer = new Server(httpServer, {
    // Our own upgrade router answers every other path; engine.io must not destroy those sockets.
    destroyUpgrade: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    serveClient: false,
    allowRequest: (req, callback) => callback(null, deps.allowOrigin(req.headers.origin, req.headers.host)),
  })

  /** What participants were last sent per event, so a change only facilitators see sends them nothing at all. */
  const lastParticipantView = new Map<string, string>()
  /** The workshop each connection's commands run on; not in socket.data, which other processes read. */
  const workshopOf = new WeakMap<WorkshopSocket, Workshop>()

  // Each process tells its own connections, from its own copy of the state: the one that stored a change, and every other once it has adopted it (WorkshopChangeFeed).
  hub.listen((state) => {
    io.local.to(facilitatorRoom(state.eventId)).emit('workshop:state', state)
    const view = registry.redactForParticipants(state)
    const { version: _version, ...content } = view
    const fingerprint = JSON.stringify(content)
    if (lastParticipantView.get(state.eventId) === fingerprint) return
    lastParticipantView.set(state.eventId, fingerprint)
    io.local.to(eventRoom(state.eventId)).except(facilitatorRoom(state.eventId)).emit('workshop:state', view)
  }, (eventId) => lastParticipantView.delete(eventId))

  deps.changes.onChange((eventId) => io.to(eventRoom(eventId)).emit('event:changed'))
  deps.changes.onVersionsChange((eventId, boardId) => io.to(facilitatorRoom(eventId)).emit('board:versions-changed', boardId))

  access.onRevoked((linkIds) => {
    if (linkIds.length > 0) io.in(linkIds.map(linkRoom)).disconnectSockets(true)
  })

  io.use((socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth)
    if (!auth.success) {
      next(new Error('unauthorized'))
      return
    }
    authenticateSocket(auth.data.token, auth.data.eventId).then(
      (authenticated) => {
        if (typeof authenticated === 'string') {
          next(new Error(authenticated))
          return
        }
        Object.assign(socket.data, authenticated.data)
        workshopOf.set(socket, authenticated.workshop)
        next()
      },
      (error: unknown) => {
        logger.error({ err: error }, 'socket handshake failed')
        next(new Error('internal'))
      },
    )
  })

  async function authenticateSocket(
    token: string,
    eventId: string,
  ): Promise<{ data: SocketData; workshop: Workshop } | 'unauthorized' | 'forbidden' | 'not_found'> {
    const principal = await access.authenticate(token)
    if (!principal) return 'unauthorized'
    if (!mayAccessEvent(principal, eventId)) return 'forbidden'
    if (!(await events.getEvent(eventId))) return 'not_found'
    const workshop = await hub.workshop(eventId)
    // Another process may have changed it since this one last heard; a joiner's first state must be the current one.
    if (hub.shared) await workshop.refresh()
    return {
      data: { principal, eventId, personId: principal.personId, presence: { profile: null, boardId: null, handRaised: false, reactionTimes: [] } },
      workshop,
    }
  }

  /** The event's connections on every server process (the Redis adapter asks the others). */
  function socketsOf(eventId: string) {
    return io.in(eventRoom(eventId)).fetchSockets()
  }

  function broadcastRoster(eventId: string): Promise<void> {
    return socketsOf(eventId).then((sockets) => {
      const entries: RosterEntry[] = sockets.map((socket) => ({
        connectionId: socket.id,
        personId: socket.data.personId,
        role: socket.data.principal.role,
        name: socket.data.presence.profile?.name ?? null,
        side: socket.data.presence.profile?.side ?? null,
        boardId: socket.data.presence.boardId,
        handRaised: socket.data.presence.handRaised,
      }))
      io.to(facilitatorRoom(eventId)).emit('roster', entries)
      const people = new Set(entries.filter((entry) => entry.role === 'participant').map((entry) => entry.personId))
      io.to(projectorRoom(eventId)).emit('people:count', people.size)
    })
  }

  function channelOf(eventId: string): EventChannel {
    return {
      presentParticipants: async () => [
        ...new Set(
          (await socketsOf(eventId)).filter((socket) => socket.data.principal.role === 'participant').map((socket) => socket.data.personId),
        ),
      ],
      sendVote: (personId, mine) => io.to(personRoom(eventId, personId)).emit('vote:mine', mine),
      sendMatches: (personId, mine) => io.to(personRoom(eventId, personId)).emit('matches:mine', mine),
      broadcastReaction: (event) => io.to(eventRoom(eventId)).emit('reaction', event),
      broadcastRoster: () => {
        broadcastRoster(eventId).catch((error: unknown) => logger.warn({ eventId, err: error }, 'sending the roster failed'))
      },
    }
  }

  function stateFor(socket: WorkshopSocket, state: WorkshopState): WorkshopState {
    return canFacilitate(socket.data.principal.role) ? state : registry.redactForParticipants(state)
  }

  io.on('connection', (socket: WorkshopSocket) => {
    const { eventId, principal, personId } = socket.data
    const workshop = workshopOf.get(socket)
    if (!workshop) throw new Error('a workshop connection got past the handshake without its workshop')
    const channel = channelOf(eventId)
    void socket.join([eventRoom(eventId), personRoom(eventId, personId)])
    if (canFacilitate(principal.role)) void socket.join(facilitatorRoom(eventId))
    if (principal.role === 'viewer') void socket.join(projectorRoom(eventId))
    if (principal.linkId !== null) void socket.join(linkRoom(principal.linkId))

    for (const name of COMMAND_NAMES) {
      socket.on(name, ((payload: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (result: CommandResult) => void) : null
        handleCommand(socket, name, payload).then((result) => {
          if (reply) reply(result)
          else if (!result.ok) socket.emit('workshop:error', result.error)
        }, (error: unknown) => logger.error({ eventId, command: name, err: error }, 'workshop command failed'))
      }) as never)
    }
    socket.on('time:now', (ack) => {
      if (typeof ack === 'function') ack(Date.now())
    })
    socket.on('disconnect', () => channel.broadcastRoster())

    socket.emit('workshop:me', { personId })
    socket.emit('workshop:state', stateFor(socket, workshop.snapshot))
    const sender: Sender = { eventId, personId, role: principal.role }
    for (const feature of registry.features) {
      feature.onJoin?.(sender, workshop.snapshot, channel).catch((error: unknown) =>
        logger.error({ eventId, feature: feature.name, err: error }, 'sending private state on join failed'),
      )
    }
    channel.broadcastRoster()
  })

  async function handleCommand<C extends CommandName>(socket: WorkshopSocket, name: C, payload: unknown): Promise<CommandResult> {
    const { principal, eventId, personId, presence } = socket.data
    const workshop = workshopOf.get(socket)
    if (!workshop) throw new Error('a workshop connection got past the handshake without its workshop')
    if (!audienceAdmits(workshopCommands[name].audience, principal.role)) {
      return refusal('forbidden', `your role (${principal.role}) may not send ${name}`)
    }
    const parsed = workshopCommands[name].payload.safeParse(payload ?? {})
    if (!parsed.success) {
      return refusal('invalid', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
    }
    // The table's schemas are one union to the type checker; the one looked up by `name` parses exactly command C.
    const command = parsed.data as ParsedCommand<C>
    const handler = registry.handler(name)
    try {
      await workshop.run((transaction) =>
        handler(command, {
          workshop: transaction,
          sender: { eventId, personId, role: principal.role },
          connection: presence,
          channel: channelOf(eventId),
        }),
      )
      return { ok: true }
    } catch (error) {
      if (error instanceof WorkshopRefusal) return refusal(error.code, error.message)
      logger.error({ eventId, command: name, err: error }, 'workshop command failed')
      return refusal('internal', 'the server could not do that')
    }
  }

  return io
}

function refusal(code: ServerErrorCode, message: string): CommandResult {
  return { ok: false, error: { code, message } }
}
