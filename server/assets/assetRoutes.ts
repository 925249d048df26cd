import express from 'express'
import { isBoardId } from '../../shared/boardId.ts'
import { boardAssetsPath, type UploadedAsset } from '../../shared/clientConfig.ts'
import { sendApiError } from '../http/apiErrors.ts'
import type { AssetStore } from './AssetStore.ts'
import { sniffImageType } from './sniffImageType.ts'

export interface AssetRoutesOptions {
  store: AssetStore
  maxBytes: number
}

/**
 * Board images: `POST /api/boards/:boardId/assets` with the raw image as body,
 * `GET /api/boards/:boardId/assets/:name` to read it back. The board document
 * only ever holds the returned URL, so photos never slow down board sync.
 */
export function assetRoutes({ store, maxBytes }: AssetRoutesOptions): express.Router {
  const router = express.Router()
  const rawBody = express.raw({ type: () => true, limit: maxBytes })

  router.post('/api/boards/:boardId/assets', rawBody, async (req, res, next) => {
    const { boardId } = req.params
    if (!isBoardId(boardId)) {
      sendApiError(res, 'bad_request', 'invalid board id')
      return
    }
    const body: unknown = req.body
    if (!Buffer.isBuffer(body) || body.length === 0) {
      sendApiError(res, 'bad_request', 'send the image as the request body')
      return
    }
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    const contentType = sniffImageType(bytes)
    if (!contentType) {
      sendApiError(res, 'unsupported_media_type', 'only PNG, JPEG, GIF and WebP images are accepted')
      return
    }
    try {
      const name = await store.storeAsset(boardId, bytes, contentType)
      const result: UploadedAsset = { url: `${boardAssetsPath(boardId)}/${name}` }
      res.status(201).json(result)
    } catch (error) {
      next(error)
    }
  })

  router.get('/api/boards/:boardId/assets/:name', async (req, res, next) => {
    const { boardId, name } = req.params
    if (!isBoardId(boardId)) {
      sendApiError(res, 'not_found', 'no such asset')
      return
    }
    try {
      const asset = await store.loadAsset(boardId, name)
      if (!asset) {
        sendApiError(res, 'not_found', 'no such asset')
        return
      }
      // The name is the content's hash: what it names never changes.
      res.set({
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'",
      })
      res.send(Buffer.from(asset.bytes.buffer, asset.bytes.byteOffset, asset.bytes.byteLength))
    } catch (error) {
      next(error)
    }
  })

  return router
}
