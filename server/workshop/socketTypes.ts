import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/workshop/index.ts'
import type { Principal } from '../auth/AccessControl.ts'
import type { ConnectionPresence } from './WorkshopFeature.ts'

export interface SocketData {
  principal: Principal
  eventId: string
  personId: string
  /** Plain data only: other processes read it through the Redis adapter (fetchSockets). */
  presence: ConnectionPresence
}

export type WorkshopSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type WorkshopServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

export const eventRoom = (eventId: string) => `event:${eventId}`
export const facilitatorRoom = (eventId: string) => `event:${eventId}:facilitators`
export const projectorRoom = (eventId: string) => `event:${eventId}:projectors`
/** The connections opened with one link, so revoking it reaches them on every process. */
export const linkRoom = (linkId: string) => `link:${linkId}`
export const personRoom = (eventId: string, personId: string) => `event:${eventId}:person:${personId}`
