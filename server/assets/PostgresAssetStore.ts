import type { Pool } from 'pg'
import { assetNameOf, assetTypeOf } from './assetName.ts'
import type { AssetStore, StoredAsset } from './AssetStore.ts'
import type { ImageType } from './sniffImageType.ts'

/**
 * Assets as rows, so every server process serves every image. Images are
 * capped by ASSET_MAX_BYTES (10 MB by default), well within a bytea value,
 * which PostgreSQL keeps out of line (TOAST); the type is in the name.
 */
export class PostgresAssetStore implements AssetStore {
  constructor(private readonly pool: Pool) {}

  async storeAsset(boardId: string, bytes: Uint8Array, contentType: ImageType): Promise<string> {
    const name = assetNameOf(bytes, contentType)
    // The name is the content's hash: a second upload of the same image has nothing to change.
    await this.pool.query(
      'INSERT INTO board_assets (board_id, name, bytes) VALUES ($1, $2, $3) ON CONFLICT (board_id, name) DO NOTHING',
      [boardId, name, bytes],
    )
    return name
  }

  async loadAsset(boardId: string, name: string): Promise<StoredAsset | null> {
    const contentType = assetTypeOf(name)
    if (!contentType) return null
    const { rows } = await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM board_assets WHERE board_id = $1 AND name = $2', [boardId, name])
    const row = rows[0]
    return row ? { bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength), contentType } : null
  }

  async deleteBoardAssets(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM board_assets WHERE board_id = $1', [boardId])
  }
}
