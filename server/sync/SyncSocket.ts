import { canFacilitate, type Role } from '../../shared/roles.ts'

/**
 * The least a room needs of a connection. Rooms never see ws or HTTP, so a
 * test can drive one with in-memory sockets and a Redis relay can stand in
 * for remote peers.
 */
export interface SyncSocket {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  readonly isOpen: boolean
  /** Bytes sent but not yet taken by the network; a room holds back presence for a client that falls behind. */
  readonly bufferedBytes: number
}

/** What a connection may do in its room, decided by whoever authenticated it. */
export interface ConnectionAccess {
  /** Asked for every inbound update, so a lock can change it while connected. */
  canWrite(): boolean
  /** Whether this connection's cursor and name are relayed to others. */
  sharesPresence: boolean
  /** Whether its presence may carry the facilitator mark; anyone else's marked presence is refused. */
  facilitates: boolean
}

export const FULL_ACCESS: ConnectionAccess = { canWrite: () => true, sharesPresence: true, facilitates: false }

const FACILITATOR_ACCESS: ConnectionAccess = { ...FULL_ACCESS, facilitates: true }

/** A projector reads and never writes; its cursor is nobody's business. */
export const READ_ONLY_ACCESS: ConnectionAccess = { canWrite: () => false, sharesPresence: false, facilitates: false }

export function accessForRole(role: Role): ConnectionAccess {
  if (role === 'viewer') return READ_ONLY_ACCESS
  return canFacilitate(role) ? FACILITATOR_ACCESS : FULL_ACCESS
}
