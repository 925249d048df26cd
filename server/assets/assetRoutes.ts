import express, { type ErrorRequestHandler, type Response } from 'express'
import { isBoardId } from '../../shared/boardId.ts'
import { boardAssetsPath, type UploadedAsset } from '../../shared/clientConfig.ts'
import type { Logger } from '../logger.ts'
import type { AssetStore } from './AssetStore.ts'
import { sniffImageType } from './sniffImageType.ts'

export interface AssetRoutesOptions {
  store: AssetStore
  maxBytes: number
  logger: Logger
}

type AssetErrorCode = 'bad_request' | 'not_found' | 'payload_too_large' | 'unsupported_media_type' | 'internal'

const STATUS: Record<AssetErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
}

function sendError(res: Response, code: AssetErrorCode, message: string): void {
  res.status(STATUS[code]).json({ error: { code, message } })
}

/**
 * Board images: `POST /api/boards/:boardId/assets` with the raw image as body,
 * `GET /api/boards/:boardId/assets/:name` to read it back. The board document
 * only ever holds the returned URL, so photos never slow down board sync.
 */
export function assetRoutes({ store, maxBytes, logger }: AssetRoutesOptions): express.Router {
  const router = express.Router()
  const rawBody = express.raw({ type: () => true, limit: maxBytes })

  router.post('/api/boards/:boardId/assets', rawBody, async (req, res, next) => {
    const { boardId } = req.params
    if (!isBoardId(boardId)) {
      sendError(res, 'bad_request', 'invalid board id')
      return
    }
    const body: unknown = req.body
    if (!Buffer.isBuffer(body) || body.length === 0) {
      sendError(res, 'bad_request', 'send the image as the request body')
      return
    }
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    const contentType = sniffImageType(bytes)
    if (!contentType) {
      sendError(res, 'unsupported_media_type', 'only PNG, JPEG, GIF and WebP images are accepted')
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
      sendError(res, 'not_found', 'no such asset')
      return
    }
    try {
      const asset = await store.loadAsset(boardId, name)
      if (!asset) {
        sendError(res, 'not_found', 'no such asset')
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

  const handleError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error)
      return
    }
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500
    if (status === 413) {
      sendError(res, 'payload_too_large', `images may be at most ${maxBytes} bytes`)
      return
    }
    logger.error({ err: error }, 'asset request failed')
    sendError(res, 'internal', 'the asset could not be processed')
  }
  router.use(handleError)
  return router
}
