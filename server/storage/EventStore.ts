import type { AgendaPhase } from '../../shared/agenda.ts'
import type { Board, EventInfo, EventMode, LinkInfo, TemplateId } from '../../shared/api.ts'
import type { LinkRole } from '../../shared/roles.ts'

export interface NewEvent {
  title: string
  date: string | null
  place: string | null
  mode: EventMode
  agenda: readonly AgendaPhase[]
  callUrl: string | null
  /** Defaults to DEFAULT_RETENTION_DAYS. */
  retentionDays?: number
  deleteAfterRetention?: boolean
  privacyContact?: string | null
}

export interface EventPatch {
  title?: string
  date?: string | null
  place?: string | null
  mode?: EventMode
  agenda?: readonly AgendaPhase[]
  callUrl?: string | null
  retentionDays?: number
  deleteAfterRetention?: boolean
  privacyContact?: string | null
  personalDataRemovedAt?: string | null
}

export interface NewLink {
  eventId: string
  role: LinkRole
  label: string | null
  tokenHash: string
  /** A join code for phones; only participant links have one. */
  code: string | null
  /** Set for device links minted from a join code: revoking the parent revokes them too. */
  parentLinkId: string | null
}

/** A link as access control sees it: revoked when it or its parent link is. */
export interface StoredLink extends LinkInfo {
  parentLinkId: string | null
  /** When a request last came with this link's token (its creation until then). */
  lastSeenAt: string
}

/** A link minted for one phone from a join code, as the facilitator sees it. */
export interface StoredDeviceLink {
  id: string
  parentLinkId: string
  createdAt: string
  lastSeenAt: string
}

/** Events, their boards, agendas and links. Every method is a value or null for "not there"; storage errors throw. */
export interface EventStore {
  createEvent(input: NewEvent): Promise<EventInfo>
  listEvents(): Promise<EventInfo[]>
  getEvent(eventId: string): Promise<EventInfo | null>
  updateEvent(eventId: string, patch: EventPatch): Promise<EventInfo | null>
  /** Deletes the event with its boards and all its links, revoked or not; false when there was no such event. */
  deleteEvent(eventId: string): Promise<boolean>

  createBoard(eventId: string, title: string, template: TemplateId): Promise<Board>
  getBoard(boardId: string): Promise<Board | null>
  listBoards(eventId: string): Promise<Board[]>
  updateBoard(boardId: string, patch: { title?: string; archived?: boolean }): Promise<Board | null>

  createLink(input: NewLink): Promise<StoredLink>
  /** Links a facilitator handed out (not the device links minted from join codes). */
  listLinks(eventId: string): Promise<StoredLink[]>
  findLinkByTokenHash(tokenHash: string): Promise<StoredLink | null>
  findActiveLinkByCode(code: string): Promise<StoredLink | null>
  isCodeInUse(code: string): Promise<boolean>
  /** Revokes the link and its device links; resolves to every id revoked, empty when there was no such link. */
  revokeLink(eventId: string, linkId: string): Promise<string[]>

  /** Device links of the event that are neither revoked nor under a revoked link, oldest first. */
  listDeviceLinks(eventId: string): Promise<StoredDeviceLink[]>
  /** Notes that the link was used at `at` (ISO time). */
  touchLink(linkId: string, at: string): Promise<void>
  /** Revokes the event's device links last seen before `before` (ISO time); resolves to their ids. */
  revokeIdleDeviceLinks(eventId: string, before: string): Promise<string[]>
  /** Deletes the event's device links (every one, or only `linkId`), so their tokens open nothing; resolves to the ids deleted. */
  deleteDeviceLinks(eventId: string, linkId?: string): Promise<string[]>
}
