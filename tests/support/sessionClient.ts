import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, CommandName, CommandPayload, CommandResult, MyMatches, MyVote, ReactionEvent, RosterEntry, ServerToClientEvents, WorkshopState } from '../../shared/workshop/index.ts'
import { until } from './until.ts'

export interface SessionClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>
  state: () => WorkshopState | null
  states: WorkshopState[]
  mine: () => MyVote | null
  reactions: ReactionEvent[]
  roster: () => RosterEntry[] | null
  matches: () => MyMatches | null
  me: () => string | null
  /** Every event this socket received, in order, by name. */
  received: Array<{ event: string; payload: unknown }>
  send<C extends CommandName>(command: C, payload: CommandPayload<C>): Promise<CommandResult>
  close(): void
}

/** A stock socket.io client, authenticated like the browser app. */
export async function connectSession(httpUrl: string, token: string, eventId: string): Promise<SessionClient> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(httpUrl, {
    auth: { token, eventId },
    transports: ['websocket'],
    reconnection: false,
  })
  const states: WorkshopState[] = []
  const received: Array<{ event: string; payload: unknown }> = []
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }))
  const reactions: ReactionEvent[] = []
  let mine: MyVote | null = null
  let roster: RosterEntry[] | null = null
  let matches: MyMatches | null = null
  let me: string | null = null
  socket.on('matches:mine', (value) => (matches = value))
  socket.on('workshop:me', (value) => (me = value.personId))
  socket.on('workshop:state', (state) => states.push(state))
  socket.on('vote:mine', (value) => (mine = value))
  socket.on('reaction', (event) => reactions.push(event))
  socket.on('roster', (entries) => (roster = entries))
  await until(() => states.length > 0 || !socket.active, 'the first session state')
  if (states.length === 0) throw new Error('session connection refused')
  return {
    socket,
    states,
    reactions,
    received,
    state: () => states.at(-1) ?? null,
    mine: () => mine,
    roster: () => roster,
    matches: () => matches,
    me: () => me,
    send: (command, payload) =>
      new Promise((resolve) => {
        const emit = socket.emit as unknown as (name: string, payload: unknown, ack: (result: CommandResult) => void) => void
        emit.call(socket, command, payload, resolve)
      }),
    close: () => socket.disconnect(),
  }
}

/** Resolves with the handshake error message when the server refuses the connection. */
export function refusedHandshake(httpUrl: string, auth: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = io(httpUrl, { auth: auth as Record<string, unknown>, transports: ['websocket'], reconnection: false })
    socket.on('connect_error', (error) => {
      socket.disconnect()
      resolve(error.message)
    })
    socket.on('connect', () => {
      socket.disconnect()
      reject(new Error('connection unexpectedly accepted'))
    })
  })
}
