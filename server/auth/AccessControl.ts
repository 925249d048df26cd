import { timingSafeEqual } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { LinkRole, Role } from '../../shared/roles.ts'
import type { EventStore, StoredLink } from '../storage/EventStore.ts'
import { hashToken, newJoinCode, newToken } from './tokens.ts'

/** Who is behind a token: a role, the one event it is scoped to (none for admin), and the link it came from. */
export interface Principal {
  role: Role
  eventId: string | null
  linkId: string | null
  /** The person: one per link, or per device that joined by code. Votes, marks and profile cards hang on it. */
  personId: string
}

const ADMIN_PERSON_ID = 'admin'

export interface IssuedLink {
  link: StoredLink
  token: string
}

const MAX_CODE_ATTEMPTS = 20
/** How often a link's last use is written: often enough for an idle expiry counted in days, without a write per request. */
const TOUCH_INTERVAL_MS = 60_000

export interface DeviceLimits {
  maxDevicesPerEvent: number
  deviceIdleMs: number
  now?: () => number
}

/** Why joining by code failed: no such active code, or the event has as many phones as it may. */
export type JoinRefusal = 'unknown_code' | 'event_full'

/** Tokens, links and join codes; the one place that decides who a request is. */
export class AccessControl {
  private readonly adminTokenHash: Buffer
  private readonly revocations = new EventEmitter()
  private readonly lastTouched = new Map<string, number>()
  private readonly now: () => number

  constructor(
    private readonly events: EventStore,
    adminToken: string,
    private readonly limits: DeviceLimits,
  ) {
    this.adminTokenHash = Buffer.from(hashToken(adminToken), 'hex')
    this.now = limits.now ?? Date.now
  }

  async authenticate(token: string | undefined): Promise<Principal | null> {
    if (!token || token.length > 200) return null
    const tokenHash = hashToken(token)
    if (timingSafeEqual(Buffer.from(tokenHash, 'hex'), this.adminTokenHash)) {
      return { role: 'admin', eventId: null, linkId: null, personId: ADMIN_PERSON_ID }
    }
    const link = await this.events.findLinkByTokenHash(tokenHash)
    if (!link || link.revoked) return null
    if (link.parentLinkId !== null && !(await this.keepDeviceAlive(link))) return null
    return { role: link.role, eventId: link.eventId, linkId: link.id, personId: link.id }
  }

  async issueLink(eventId: string, role: LinkRole, label: string | null): Promise<IssuedLink> {
    const token = newToken()
    const code = role === 'participant' ? await this.unusedJoinCode() : null
    const link = await this.events.createLink({ eventId, role, label, tokenHash: hashToken(token), code, parentLinkId: null })
    return { link, token }
  }

  /**
   * A join code yields a token of its own per device, so each phone is one
   * identity and revoking the code ends them all. An event holds a bounded
   * number of phones: idle ones are expired first to make room.
   */
  async joinByCode(code: string): Promise<IssuedLink | JoinRefusal> {
    const parent = await this.events.findActiveLinkByCode(code)
    if (!parent) return 'unknown_code'
    if ((await this.events.listDeviceLinks(parent.eventId)).length >= this.limits.maxDevicesPerEvent) {
      await this.expireIdleDevices(parent.eventId)
      if ((await this.events.listDeviceLinks(parent.eventId)).length >= this.limits.maxDevicesPerEvent) return 'event_full'
    }
    const token = newToken()
    const link = await this.events.createLink({
      eventId: parent.eventId,
      role: parent.role,
      label: parent.label,
      tokenHash: hashToken(token),
      code: null,
      parentLinkId: parent.id,
    })
    return { link, token }
  }

  async revoke(eventId: string, linkId: string): Promise<boolean> {
    const revoked = await this.events.revokeLink(eventId, linkId)
    if (revoked.length > 0) this.revocations.emit('revoked', revoked)
    return revoked.length > 0
  }

  /** Revokes every link of the event with this role (and the phones joined through them). */
  async revokeRole(eventId: string, role: LinkRole): Promise<void> {
    for (const link of await this.events.listLinks(eventId)) {
      if (link.role === role && !link.revoked) await this.revoke(eventId, link.id)
    }
  }

  /** Deletes the event's phones (all, or the one of `linkId`) and cuts them off; their people's data goes with them. */
  async deleteDevices(eventId: string, linkId?: string): Promise<void> {
    const deleted = await this.events.deleteDeviceLinks(eventId, linkId)
    if (deleted.length > 0) this.revocations.emit('revoked', deleted)
  }

  /** Revokes the event's phones that have not been seen for the idle period; resolves to how many. */
  async expireIdleDevices(eventId: string): Promise<number> {
    const before = new Date(this.now() - this.limits.deviceIdleMs).toISOString()
    const expired = await this.events.revokeIdleDeviceLinks(eventId, before)
    if (expired.length > 0) this.revocations.emit('revoked', expired)
    return expired.length
  }

  /** Live connections subscribe so a revoked link is cut off at once, not at its next request. */
  onRevoked(listener: (linkIds: readonly string[]) => void): void {
    this.revocations.on('revoked', listener)
  }

  /** False for a phone idle past the limit (it is revoked then); otherwise notes the use, at most once a minute. */
  private async keepDeviceAlive(link: StoredLink): Promise<boolean> {
    const now = this.now()
    if (Date.parse(link.lastSeenAt) < now - this.limits.deviceIdleMs) {
      await this.events.revokeIdleDeviceLinks(link.eventId, new Date(now - this.limits.deviceIdleMs).toISOString())
      this.revocations.emit('revoked', [link.id])
      return false
    }
    if (now - (this.lastTouched.get(link.id) ?? 0) >= TOUCH_INTERVAL_MS) {
      this.lastTouched.set(link.id, now)
      await this.events.touchLink(link.id, new Date(now).toISOString())
    }
    return true
  }

  private async unusedJoinCode(): Promise<string> {
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const code = newJoinCode()
      if (!(await this.events.isCodeInUse(code))) return code
    }
    throw new Error('no free join code found; too many active participant links')
  }
}

export function mayAccessEvent(principal: Principal, eventId: string): boolean {
  return principal.role === 'admin' || principal.eventId === eventId
}
