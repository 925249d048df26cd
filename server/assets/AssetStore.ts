import type { ImageType } from './sniffImageType.ts'

export interface StoredAsset {
  bytes: Uint8Array
  contentType: ImageType
}

/**
 * Where uploaded board images live. Assets are content-addressed, so a name
 * never changes meaning and can be cached forever; storing the same image
 * twice yields the same name.
 */
export interface AssetStore {
  /** Resolves to the asset's name within its board. */
  storeAsset(boardId: string, bytes: Uint8Array, contentType: ImageType): Promise<string>
  loadAsset(boardId: string, name: string): Promise<StoredAsset | null>
  /** Deletes every image of the board. */
  deleteBoardAssets(boardId: string): Promise<void>
}
