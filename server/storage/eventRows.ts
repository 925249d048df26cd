import { templateIdSchema, type Board } from '../../shared/api.ts'
import { linkRoleSchema } from '../../shared/roles.ts'
import type { StoredLink } from './EventStore.ts'

/* Board and link rows read the same from SQLite and PostgreSQL; only event rows differ (JSON and booleans). */

export interface BoardRow {
  id: string
  event_id: string
  title: string
  template: string
  created_at: string
  archived_at: string | null
}

export interface LinkRow {
  id: string
  event_id: string
  role: string
  label: string | null
  code: string | null
  parent_link_id: string | null
  created_at: string
  revoked_at: string | null
  last_seen_at: string | null
  parent_revoked_at: string | null
}

export const LINK_COLUMNS = `l.id, l.event_id, l.role, l.label, l.code, l.parent_link_id, l.created_at, l.revoked_at, l.last_seen_at,
  p.revoked_at AS parent_revoked_at`
export const LINK_FROM = 'links l LEFT JOIN links p ON p.id = l.parent_link_id'

export function toBoard(row: BoardRow): Board {
  return {
    id: row.id,
    eventId: row.event_id,
    title: row.title,
    template: templateIdSchema.parse(row.template),
    createdAt: row.created_at,
    archived: row.archived_at !== null,
  }
}

export function toLink(row: LinkRow): StoredLink {
  return {
    id: row.id,
    eventId: row.event_id,
    role: linkRoleSchema.parse(row.role),
    label: row.label,
    code: row.code,
    createdAt: row.created_at,
    revoked: row.revoked_at !== null || row.parent_revoked_at !== null,
    parentLinkId: row.parent_link_id,
    lastSeenAt: row.last_seen_at ?? row.created_at,
  }
}
