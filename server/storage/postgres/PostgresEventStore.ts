import type { Pool } from 'pg'
import { agendaSchema } from '../../../shared/agenda.ts'
import { eventModeSchema, type Board, type EventInfo } from '../../../shared/api.ts'
import { DEFAULT_RETENTION_DAYS } from '../../../shared/retention.ts'
import { newId } from '../../ids.ts'
import type { EventPatch, EventStore, NewEvent, NewLink, StoredDeviceLink, StoredLink } from '../EventStore.ts'
import { LINK_COLUMNS, LINK_FROM, toBoard, toLink, type BoardRow, type LinkRow } from '../eventRows.ts'
import { inTransaction } from './inTransaction.ts'

interface EventRow {
  id: string
  title: string
  date: string | null
  place: string | null
  mode: string
  agenda: unknown
  created_at: string
  call_url: string | null
  retention_days: number
  delete_after_retention: boolean
  privacy_contact: string | null
  personal_data_removed_at: string | null
}

/** Rows are parsed on the way out, so a hand-edited database surfaces as an error, not as a wrong role. */
function toEvent(row: EventRow): EventInfo {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    place: row.place,
    mode: eventModeSchema.parse(row.mode),
    createdAt: row.created_at,
    agenda: agendaSchema.parse(row.agenda),
    callUrl: row.call_url,
    retentionDays: row.retention_days,
    deleteAfterRetention: row.delete_after_retention,
    privacyContact: row.privacy_contact,
    personalDataRemovedAt: row.personal_data_removed_at,
  }
}

export class PostgresEventStore implements EventStore {
  constructor(private readonly pool: Pool) {}

  async createEvent(input: NewEvent): Promise<EventInfo> {
    const { rows } = await this.pool.query<EventRow>(
      `INSERT INTO events (id, title, date, place, mode, agenda, created_at, call_url, retention_days, delete_after_retention, privacy_contact)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11) RETURNING *`,
      [
        newId(),
        input.title,
        input.date,
        input.place,
        input.mode,
        JSON.stringify(input.agenda),
        new Date().toISOString(),
        input.callUrl,
        input.retentionDays ?? DEFAULT_RETENTION_DAYS,
        input.deleteAfterRetention ?? false,
        input.privacyContact ?? null,
      ],
    )
    return toEvent(onlyRow(rows, 'created event'))
  }

  async listEvents(): Promise<EventInfo[]> {
    const { rows } = await this.pool.query<EventRow>('SELECT * FROM events ORDER BY created_at DESC')
    return rows.map(toEvent)
  }

  async getEvent(eventId: string): Promise<EventInfo | null> {
    const { rows } = await this.pool.query<EventRow>('SELECT * FROM events WHERE id = $1', [eventId])
    return rows[0] ? toEvent(rows[0]) : null
  }

  async updateEvent(eventId: string, patch: EventPatch): Promise<EventInfo | null> {
    // Read and write in one transaction with the row locked, so a patch from another process in between is not overwritten with old values.
    return inTransaction(this.pool, async (client) => {
      const current = await client.query<EventRow>('SELECT * FROM events WHERE id = $1 FOR UPDATE', [eventId])
      const row = current.rows[0]
      if (!row) return null
      const next = { ...toEvent(row), ...patch }
      const { rows } = await client.query<EventRow>(
        `UPDATE events SET title = $1, date = $2, place = $3, mode = $4, agenda = $5::jsonb, call_url = $6, retention_days = $7,
         delete_after_retention = $8, privacy_contact = $9, personal_data_removed_at = $10 WHERE id = $11 RETURNING *`,
        [
          next.title,
          next.date,
          next.place,
          next.mode,
          JSON.stringify(next.agenda),
          next.callUrl,
          next.retentionDays,
          next.deleteAfterRetention,
          next.privacyContact,
          next.personalDataRemovedAt,
          eventId,
        ],
      )
      return toEvent(onlyRow(rows, 'updated event'))
    })
  }

  async deleteEvent(eventId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // Device links first: they reference their parent link.
      await client.query('DELETE FROM links WHERE event_id = $1 AND parent_link_id IS NOT NULL', [eventId])
      await client.query('DELETE FROM links WHERE event_id = $1', [eventId])
      await client.query('DELETE FROM boards WHERE event_id = $1', [eventId])
      const { rowCount } = await client.query('DELETE FROM events WHERE id = $1', [eventId])
      return rowCount === 1
    })
  }

  async createBoard(eventId: string, title: string, template: Board['template']): Promise<Board> {
    const { rows } = await this.pool.query<BoardRow>(
      'INSERT INTO boards (id, event_id, title, template, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [newId(), eventId, title, template, new Date().toISOString()],
    )
    return toBoard(onlyRow(rows, 'created board'))
  }

  async getBoard(boardId: string): Promise<Board | null> {
    const { rows } = await this.pool.query<BoardRow>('SELECT * FROM boards WHERE id = $1', [boardId])
    return rows[0] ? toBoard(rows[0]) : null
  }

  async listBoards(eventId: string): Promise<Board[]> {
    const { rows } = await this.pool.query<BoardRow>('SELECT * FROM boards WHERE event_id = $1 ORDER BY created_at, id', [eventId])
    return rows.map(toBoard)
  }

  async updateBoard(boardId: string, patch: { title?: string; archived?: boolean }): Promise<Board | null> {
    const archivedAt = patch.archived === undefined ? null : patch.archived ? new Date().toISOString() : null
    const { rows } = await this.pool.query<BoardRow>(
      `UPDATE boards SET title = COALESCE($2, title), archived_at = CASE WHEN $3::boolean THEN $4 ELSE archived_at END
       WHERE id = $1 RETURNING *`,
      [boardId, patch.title ?? null, patch.archived !== undefined, archivedAt],
    )
    return rows[0] ? toBoard(rows[0]) : null
  }

  async createLink(input: NewLink): Promise<StoredLink> {
    const id = newId()
    await this.pool.query(
      `INSERT INTO links (id, event_id, role, label, token_hash, code, parent_link_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, input.eventId, input.role, input.label, input.tokenHash, input.code, input.parentLinkId, new Date().toISOString()],
    )
    const link = await this.findLink('l.id = $1', id)
    if (!link) throw new Error(`link ${id} vanished right after it was created`)
    return link
  }

  async listLinks(eventId: string): Promise<StoredLink[]> {
    const { rows } = await this.pool.query<LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM ${LINK_FROM} WHERE l.event_id = $1 AND l.parent_link_id IS NULL ORDER BY l.created_at, l.id`,
      [eventId],
    )
    return rows.map(toLink)
  }

  async findLinkByTokenHash(tokenHash: string): Promise<StoredLink | null> {
    return this.findLink('l.token_hash = $1', tokenHash)
  }

  async findActiveLinkByCode(code: string): Promise<StoredLink | null> {
    return this.findLink('l.code = $1 AND l.revoked_at IS NULL', code)
  }

  async isCodeInUse(code: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM links WHERE code = $1 AND revoked_at IS NULL', [code])
    return (rowCount ?? 0) > 0
  }

  async revokeLink(eventId: string, linkId: string): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      const exists = await client.query('SELECT 1 FROM links WHERE event_id = $1 AND id = $2', [eventId, linkId])
      if (exists.rowCount === 0) return []
      const { rows } = await client.query<{ id: string }>(
        'UPDATE links SET revoked_at = COALESCE(revoked_at, $3) WHERE event_id = $1 AND (id = $2 OR parent_link_id = $2) RETURNING id',
        [eventId, linkId, new Date().toISOString()],
      )
      return rows.map((row) => row.id)
    })
  }

  async listDeviceLinks(eventId: string): Promise<StoredDeviceLink[]> {
    const { rows } = await this.pool.query<{ id: string; parent_link_id: string; created_at: string; last_seen_at: string | null }>(
      `SELECT l.id, l.parent_link_id, l.created_at, l.last_seen_at FROM ${LINK_FROM}
       WHERE l.event_id = $1 AND l.parent_link_id IS NOT NULL AND l.revoked_at IS NULL AND p.revoked_at IS NULL
       ORDER BY l.created_at, l.id`,
      [eventId],
    )
    return rows.map((row) => ({ id: row.id, parentLinkId: row.parent_link_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at ?? row.created_at }))
  }

  async touchLink(linkId: string, at: string): Promise<void> {
    await this.pool.query('UPDATE links SET last_seen_at = $2 WHERE id = $1', [linkId, at])
  }

  async revokeIdleDeviceLinks(eventId: string, before: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE links SET revoked_at = $3 WHERE event_id = $1 AND parent_link_id IS NOT NULL AND revoked_at IS NULL
       AND COALESCE(last_seen_at, created_at) < $2 RETURNING id`,
      [eventId, before, new Date().toISOString()],
    )
    return rows.map((row) => row.id)
  }

  async deleteDeviceLinks(eventId: string, linkId?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      'DELETE FROM links WHERE event_id = $1 AND parent_link_id IS NOT NULL AND ($2::text IS NULL OR id = $2) RETURNING id',
      [eventId, linkId ?? null],
    )
    return rows.map((row) => row.id)
  }

  private async findLink(where: string, value: string): Promise<StoredLink | null> {
    const { rows } = await this.pool.query<LinkRow>(`SELECT ${LINK_COLUMNS} FROM ${LINK_FROM} WHERE ${where}`, [value])
    return rows[0] ? toLink(rows[0]) : null
  }
}

function onlyRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0]
  if (!row) throw new Error(`PostgreSQL returned no row for the ${what}`)
  return row
}

