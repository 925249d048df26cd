import type { TLAssetStore } from 'tldraw'
import { boardAssetsPath, uploadedAssetSchema } from '../../../shared/clientConfig.ts'
import { downscaleImage } from './downscaleImage.ts'

/** Images go to the server and the board keeps only their URL, never base64 in the document. */
export function createBoardAssetStore(boardId: string, token: string | null): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      const body = await downscaleImage(file)
      const response = await fetch(boardAssetsPath(boardId), {
        method: 'POST',
        body,
        headers: { 'Content-Type': body.type || 'application/octet-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        signal: abortSignal,
      })
      if (!response.ok) throw new Error(`image upload answered ${response.status}`)
      const { url } = uploadedAssetSchema.parse(await response.json())
      return { src: url }
    },
    resolve(asset) {
      return asset.props.src
    },
  }
}
