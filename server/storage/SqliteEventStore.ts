import type Database from 'better-sqlite3'
import { cachedStatements, type PrepareCached } from './openSqliteDatabase.ts'
import { agendaSchema } from '../../shared/agenda.ts'
import { eventModeSchema, type Board, type EventInfo } from '../../shared/api.ts'
import { DEFAULT_RETENTION_DAYS } from '../../shared/retention.ts'
import { newId } from '../ids.ts'
import type { EventPatch, EventStore, NewEvent, NewLink, StoredDeviceLink, StoredLink } from './EventStore.ts'
import { LINK_COLUMNS, LINK_FROM, toBoard, toLink, type BoardRow, type LinkRow } from './eventRows.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  date TEXT,
  place TEXT,
  mode TEXT NOT NULL,
  agenda TEXT NOT NULL,
  created_at TEXT NOT NULL,
  call_url TEXT,
  retention_days INTEGER NOT NULL DEFAULT ${DEFAULT_RETENTION_DAYS},
  delete_after_retention INTEGER NOT NULL DEFAULT 0,
  privacy_contact TEXT,
  personal_data_removed_at TEXT
);
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (id),
  title TEXT NOT NULL,
  template TEXT NOT NULL,
  created_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX IF NOT EXISTS boards_by_event ON boards (event_id, created_at);
CREATE TABLE IF NOT EXISTS links (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (id),
  role TEXT NOT NULL,
  label TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  code TEXT,
  parent_link_id TEXT REFERENCES links (id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_seen_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS links_active_code ON links (code) WHERE code IS NOT NULL AND revoked_at IS NULL;
CREATE INDEX IF NOT EXISTS links_by_event ON links (event_id, created_at);
CREATE INDEX IF NOT EXISTS links_by_parent ON links (parent_link_id);
`

interface EventRow {
  id: string
  title: string
  date: string | null
  place: string | null
  mode: string
  agenda: string
  created_at: string
  call_url: string | null
  retention_days: number
  delete_after_retention: number
  privacy_contact: string | null
  personal_data_removed_at: string | null
}

/** Days an event stored before retention existed keeps personal data after the upgrade, at least: time to extend its period. */
const UPGRADE_GRACE_DAYS = 30

/** Columns later releases added to events, with their definitions; older data directories gain them on open. */
const ADDED_EVENT_COLUMNS: Record<string, string> = {
  call_url: 'TEXT',
  retention_days: `INTEGER NOT NULL DEFAULT ${DEFAULT_RETENTION_DAYS}`,
  delete_after_retention: 'INTEGER NOT NULL DEFAULT 0',
  privacy_contact: 'TEXT',
  personal_data_removed_at: 'TEXT',
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
    agenda: agendaSchema.parse(JSON.parse(row.agenda)),
    callUrl: row.call_url,
    retentionDays: row.retention_days,
    deleteAfterRetention: row.delete_after_retention === 1,
    privacyContact: row.privacy_contact,
    personalDataRemovedAt: row.personal_data_removed_at,
  }
}

export class SqliteEventStore implements EventStore {
  private readonly prepare: PrepareCached

  constructor(private readonly db: Database.Database) {
    this.prepare = cachedStatements(db)
    db.exec(SCHEMA)
    const eventColumns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('events')").all().map((column) => column.name))
    for (const [name, definition] of Object.entries(ADDED_EVENT_COLUMNS)) {
      if (!eventColumns.has(name)) db.exec(`ALTER TABLE events ADD COLUMN ${name} ${definition}`)
    }
    // Events from before retention get the default period, but never one that ends on the upgrade itself: nobody could have extended it.
    if (!eventColumns.has('retention_days')) {
      db.prepare(
        `UPDATE events SET retention_days = MAX(retention_days,
           CAST(julianday('now') - julianday(COALESCE(date, substr(created_at, 1, 10))) AS INTEGER) + ?)`,
      ).run(UPGRADE_GRACE_DAYS)
    }
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('links')").all()
    // Data directories of the first release have no last_seen_at; their links count as seen when created.
    if (!columns.some((column) => column.name === 'last_seen_at')) db.exec('ALTER TABLE links ADD COLUMN last_seen_at TEXT')
    db.exec('CREATE INDEX IF NOT EXISTS links_devices_by_event ON links (event_id, parent_link_id, revoked_at)')
  }

  async createEvent(input: NewEvent): Promise<EventInfo> {
    const row: EventRow = {
      id: newId(),
      title: input.title,
      date: input.date,
      place: input.place,
      mode: input.mode,
      agenda: JSON.stringify(input.agenda),
      created_at: new Date().toISOString(),
      call_url: input.callUrl,
      retention_days: input.retentionDays ?? DEFAULT_RETENTION_DAYS,
      delete_after_retention: input.deleteAfterRetention ? 1 : 0,
      privacy_contact: input.privacyContact ?? null,
      personal_data_removed_at: null,
    }
    this
      .prepare(
        `INSERT INTO events (id, title, date, place, mode, agenda, created_at, call_url, retention_days, delete_after_retention, privacy_contact, personal_data_removed_at)
         VALUES (@id, @title, @date, @place, @mode, @agenda, @created_at, @call_url, @retention_days, @delete_after_retention, @privacy_contact, @personal_data_removed_at)`,
      )
      .run(row)
    return toEvent(row)
  }

  async listEvents(): Promise<EventInfo[]> {
    return this.prepare<[], EventRow>('SELECT * FROM events ORDER BY created_at DESC').all().map(toEvent)
  }

  async getEvent(eventId: string): Promise<EventInfo | null> {
    const row = this.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?').get(eventId)
    return row ? toEvent(row) : null
  }

  async updateEvent(eventId: string, patch: EventPatch): Promise<EventInfo | null> {
    const current = await this.getEvent(eventId)
    if (!current) return null
    const next = { ...current, ...patch }
    this
      .prepare(
        `UPDATE events SET title = ?, date = ?, place = ?, mode = ?, agenda = ?, call_url = ?, retention_days = ?, delete_after_retention = ?,
         privacy_contact = ?, personal_data_removed_at = ? WHERE id = ?`,
      )
      .run(
        next.title,
        next.date,
        next.place,
        next.mode,
        JSON.stringify(next.agenda),
        next.callUrl,
        next.retentionDays,
        next.deleteAfterRetention ? 1 : 0,
        next.privacyContact,
        next.personalDataRemovedAt,
        eventId,
      )
    return this.getEvent(eventId)
  }

  async deleteEvent(eventId: string): Promise<boolean> {
    const remove = this.db.transaction(() => {
      // Device links first: they reference their parent link.
      this.prepare('DELETE FROM links WHERE event_id = ? AND parent_link_id IS NOT NULL').run(eventId)
      this.prepare('DELETE FROM links WHERE event_id = ?').run(eventId)
      this.prepare('DELETE FROM boards WHERE event_id = ?').run(eventId)
      return this.prepare('DELETE FROM events WHERE id = ?').run(eventId).changes === 1
    })
    return remove()
  }

  async createBoard(eventId: string, title: string, template: Board['template']): Promise<Board> {
    const row: BoardRow = {
      id: newId(),
      event_id: eventId,
      title,
      template,
      created_at: new Date().toISOString(),
      archived_at: null,
    }
    this
      .prepare('INSERT INTO boards (id, event_id, title, template, created_at, archived_at) VALUES (@id, @event_id, @title, @template, @created_at, @archived_at)')
      .run(row)
    return toBoard(row)
  }

  async getBoard(boardId: string): Promise<Board | null> {
    const row = this.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?').get(boardId)
    return row ? toBoard(row) : null
  }

  async listBoards(eventId: string): Promise<Board[]> {
    return this
      .prepare<[string], BoardRow>('SELECT * FROM boards WHERE event_id = ? ORDER BY created_at, id')
      .all(eventId)
      .map(toBoard)
  }

  async updateBoard(boardId: string, patch: { title?: string; archived?: boolean }): Promise<Board | null> {
    if (patch.title !== undefined) {
      this.prepare('UPDATE boards SET title = ? WHERE id = ?').run(patch.title, boardId)
    }
    if (patch.archived !== undefined) {
      this
        .prepare('UPDATE boards SET archived_at = ? WHERE id = ?')
        .run(patch.archived ? new Date().toISOString() : null, boardId)
    }
    return this.getBoard(boardId)
  }

  async createLink(input: NewLink): Promise<StoredLink> {
    const id = newId()
    this
      .prepare(
        `INSERT INTO links (id, event_id, role, label, token_hash, code, parent_link_id, created_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      )
      .run(id, input.eventId, input.role, input.label, input.tokenHash, input.code, input.parentLinkId, new Date().toISOString())
    const link = this.findLink('l.id = ?', id)
    if (!link) throw new Error(`link ${id} vanished right after it was created`)
    return link
  }

  async listLinks(eventId: string): Promise<StoredLink[]> {
    return this
      .prepare<[string], LinkRow>(
        `SELECT ${LINK_COLUMNS} FROM ${LINK_FROM} WHERE l.event_id = ? AND l.parent_link_id IS NULL ORDER BY l.created_at, l.id`,
      )
      .all(eventId)
      .map(toLink)
  }

  async findLinkByTokenHash(tokenHash: string): Promise<StoredLink | null> {
    return this.findLink('l.token_hash = ?', tokenHash)
  }

  async findActiveLinkByCode(code: string): Promise<StoredLink | null> {
    return this.findLink('l.code = ? AND l.revoked_at IS NULL', code)
  }

  async isCodeInUse(code: string): Promise<boolean> {
    return this.prepare('SELECT 1 FROM links WHERE code = ? AND revoked_at IS NULL').get(code) !== undefined
  }

  async revokeLink(eventId: string, linkId: string): Promise<string[]> {
    const revoke = this.db.transaction(() => {
      const ids = this
        .prepare<[string, string, string], { id: string }>(
          'SELECT id FROM links WHERE event_id = ? AND (id = ? OR parent_link_id = ?)',
        )
        .all(eventId, linkId, linkId)
        .map((row) => row.id)
      if (!ids.includes(linkId)) return []
      const now = new Date().toISOString()
      const mark = this.prepare('UPDATE links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
      for (const id of ids) mark.run(now, id)
      return ids
    })
    return revoke()
  }

  async listDeviceLinks(eventId: string): Promise<StoredDeviceLink[]> {
    return this
      .prepare<[string], { id: string; parent_link_id: string; created_at: string; last_seen_at: string | null }>(
        `SELECT l.id, l.parent_link_id, l.created_at, l.last_seen_at FROM ${LINK_FROM}
         WHERE l.event_id = ? AND l.parent_link_id IS NOT NULL AND l.revoked_at IS NULL AND p.revoked_at IS NULL
         ORDER BY l.created_at, l.id`,
      )
      .all(eventId)
      .map((row) => ({ id: row.id, parentLinkId: row.parent_link_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at ?? row.created_at }))
  }

  async touchLink(linkId: string, at: string): Promise<void> {
    this.prepare('UPDATE links SET last_seen_at = ? WHERE id = ?').run(at, linkId)
  }

  async revokeIdleDeviceLinks(eventId: string, before: string): Promise<string[]> {
    const revoke = this.db.transaction(() => {
      const ids = this
        .prepare<[string, string], { id: string }>(
          `SELECT id FROM links WHERE event_id = ? AND parent_link_id IS NOT NULL AND revoked_at IS NULL
           AND COALESCE(last_seen_at, created_at) < ?`,
        )
        .all(eventId, before)
        .map((row) => row.id)
      const mark = this.prepare('UPDATE links SET revoked_at = ? WHERE id = ?')
      const now = new Date().toISOString()
      for (const id of ids) mark.run(now, id)
      return ids
    })
    return revoke()
  }

  async deleteDeviceLinks(eventId: string, linkId?: string): Promise<string[]> {
    const remove = this.db.transaction(() => {
      const ids = this
        .prepare<[string, string | null, string | null], { id: string }>(
          'SELECT id FROM links WHERE event_id = ? AND parent_link_id IS NOT NULL AND (? IS NULL OR id = ?)',
        )
        .all(eventId, linkId ?? null, linkId ?? null)
        .map((row) => row.id)
      const drop = this.prepare('DELETE FROM links WHERE id = ?')
      for (const id of ids) drop.run(id)
      return ids
    })
    return remove()
  }

  private findLink(where: string, value: string): StoredLink | null {
    const row = this.prepare<[string], LinkRow>(`SELECT ${LINK_COLUMNS} FROM ${LINK_FROM} WHERE ${where}`).get(value)
    return row ? toLink(row) : null
  }
}
