import fs from 'node:fs/promises'
import path from 'node:path'
import { assetNameOf, assetTypeOf } from './assetName.ts'
import type { AssetStore, StoredAsset } from './AssetStore.ts'
import type { ImageType } from './sniffImageType.ts'

/** Assets as files under `DATA_DIR/assets/<boardId>/<sha256>.<ext>`. */
export class FileAssetStore implements AssetStore {
  constructor(private readonly directory: string) {}

  async storeAsset(boardId: string, bytes: Uint8Array, contentType: ImageType): Promise<string> {
    const name = assetNameOf(bytes, contentType)
    const boardDirectory = path.join(this.directory, boardId)
    const file = path.join(boardDirectory, name)
    await fs.mkdir(boardDirectory, { recursive: true })
    // Write then rename, so a reader never sees half a file under a name that promises the whole.
    const partial = `${file}.${process.pid}.${Date.now()}.partial`
    await fs.writeFile(partial, bytes)
    await fs.rename(partial, file)
    return name
  }

  async loadAsset(boardId: string, name: string): Promise<StoredAsset | null> {
    const contentType = assetTypeOf(name)
    if (!contentType) return null
    try {
      const bytes = await fs.readFile(path.join(this.directory, boardId, name))
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType }
    } catch (error) {
      if (isNotFound(error)) return null
      throw error
    }
  }

  async deleteBoardAssets(boardId: string): Promise<void> {
    // Board ids are checked by the routes; a path that leaves the folder would delete what is not the board's.
    const boardDirectory = path.resolve(this.directory, boardId)
    if (path.dirname(boardDirectory) !== path.resolve(this.directory)) throw new Error(`not an asset folder: ${boardId}`)
    await fs.rm(boardDirectory, { recursive: true, force: true })
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT'
}
