import { z } from 'zod'

/** What the server tells the client at run time, so changing it needs no rebuild. */
export const clientConfigSchema = z.object({
  tldrawLicenseKey: z.string().nullable(),
  assetMaxBytes: z.number().int().positive(),
})
export type ClientConfig = z.infer<typeof clientConfigSchema>

export const CLIENT_CONFIG_PATH = '/api/client-config'

export const uploadedAssetSchema = z.object({ url: z.string().startsWith('/api/boards/') })
export type UploadedAsset = z.infer<typeof uploadedAssetSchema>

export function boardAssetsPath(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}/assets`
}
