import type Database from 'better-sqlite3'
import { cachedStatements, type PrepareCached } from './openSqliteDatabase.ts'
import { versionKindSchema } from '../../shared/boardVersions.ts'
import type { BoardVersion, BoardVersionInfo, VersionStore } from './VersionStore.ts'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS board_versions (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS board_versions_by_board ON board_versions (board_id, created_at);
`

interface VersionRow {
  id: string
  board_id: string
  name: string
  kind: string
  created_at: string
}

function toInfo(row: VersionRow): BoardVersionInfo {
  return { id: row.id, boardId: row.board_id, name: row.name, kind: versionKindSchema.parse(row.kind), createdAt: row.created_at }
}

export class SqliteVersionStore implements VersionStore {
  private readonly prepare: PrepareCached

  constructor(private readonly db: Database.Database) {
    this.prepare = cachedStatements(db)
    db.exec(SCHEMA)
  }

  async storeVersion(version: BoardVersion): Promise<void> {
    this
      .prepare('INSERT INTO board_versions (id, board_id, name, kind, created_at, content) VALUES (?, ?, ?, ?, ?, ?)')
      .run(version.id, version.boardId, version.name, version.kind, version.createdAt, version.content)
  }

  async listVersions(boardId: string): Promise<BoardVersionInfo[]> {
    return this
      .prepare<[string], VersionRow>('SELECT id, board_id, name, kind, created_at FROM board_versions WHERE board_id = ? ORDER BY created_at DESC, id')
      .all(boardId)
      .map(toInfo)
  }

  async loadVersion(boardId: string, versionId: string): Promise<BoardVersion | null> {
    const row = this
      .prepare<[string, string], VersionRow & { content: string }>('SELECT * FROM board_versions WHERE board_id = ? AND id = ?')
      .get(boardId, versionId)
    return row ? { ...toInfo(row), content: row.content } : null
  }

  async replaceVersionContent(boardId: string, versionId: string, content: string): Promise<boolean> {
    return this.prepare('UPDATE board_versions SET content = ? WHERE board_id = ? AND id = ?').run(content, boardId, versionId).changes === 1
  }

  async deleteVersions(boardId: string): Promise<void> {
    this.prepare('DELETE FROM board_versions WHERE board_id = ?').run(boardId)
  }

  async latestAutoVersionAt(boardId: string): Promise<string | null> {
    const row = this
      .prepare<[string], { at: string | null }>("SELECT MAX(created_at) AS at FROM board_versions WHERE board_id = ? AND kind = 'auto'")
      .get(boardId)
    return row?.at ?? null
  }
}
