import type { Pool } from 'pg'
import { versionKindSchema } from '../../../shared/boardVersions.ts'
import type { BoardVersion, BoardVersionInfo, VersionStore } from '../VersionStore.ts'

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

/** Content is text, not jsonb: it comes back exactly as it was stored. */
export class PostgresVersionStore implements VersionStore {
  constructor(private readonly pool: Pool) {}

  async storeVersion(version: BoardVersion): Promise<void> {
    await this.pool.query('INSERT INTO board_versions (id, board_id, name, kind, created_at, content) VALUES ($1, $2, $3, $4, $5, $6)', [
      version.id,
      version.boardId,
      version.name,
      version.kind,
      version.createdAt,
      version.content,
    ])
  }

  async listVersions(boardId: string): Promise<BoardVersionInfo[]> {
    const { rows } = await this.pool.query<VersionRow>(
      'SELECT id, board_id, name, kind, created_at FROM board_versions WHERE board_id = $1 ORDER BY created_at DESC, id',
      [boardId],
    )
    return rows.map(toInfo)
  }

  async loadVersion(boardId: string, versionId: string): Promise<BoardVersion | null> {
    const { rows } = await this.pool.query<VersionRow & { content: string }>('SELECT * FROM board_versions WHERE board_id = $1 AND id = $2', [boardId, versionId])
    const row = rows[0]
    return row ? { ...toInfo(row), content: row.content } : null
  }

  async replaceVersionContent(boardId: string, versionId: string, content: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE board_versions SET content = $3 WHERE board_id = $1 AND id = $2', [boardId, versionId, content])
    return rowCount === 1
  }

  async deleteVersions(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM board_versions WHERE board_id = $1', [boardId])
  }

  async latestAutoVersionAt(boardId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ at: string | null }>("SELECT MAX(created_at) AS at FROM board_versions WHERE board_id = $1 AND kind = 'auto'", [boardId])
    return rows[0]?.at ?? null
  }
}
