import type { Server, Socket } from 'socket.io'
import type { z } from 'zod'
import type { ClientToServerEvents, CommandName, Profile, ServerToClientEvents, commandSchemas } from '../../shared/session.ts'
import type { Principal } from '../auth/AccessControl.ts'
import type { Actor, EventSession } from './EventSession.ts'

export interface SocketData {
  principal: Principal
  eventId: string
  /** One identity per link, or per device that joined by code: votes, marks and profile cards hang on it. */
  voterId: string
  session: EventSession
  profile: Profile | null
  boardId: string | null
  handRaised: boolean
  reactionTimes: number[]
}

export type SessionSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type SessionServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

export type Parsed<C extends CommandName> = z.infer<(typeof commandSchemas)[C]>

export interface CommandContext {
  socket: SessionSocket
  session: EventSession
  actor: Actor
}

export type CommandHandler<C extends CommandName> = (data: Parsed<C>, context: CommandContext) => Promise<void> | void

export const eventRoom = (eventId: string) => `event:${eventId}`
export const facilitatorRoom = (eventId: string) => `event:${eventId}:facilitators`
export const voterRoom = (eventId: string, voterId: string) => `event:${eventId}:voter:${voterId}`
