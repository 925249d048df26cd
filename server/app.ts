import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { isBoardId } from '../shared/boardId.ts'
import type { Config } from './config.ts'
import { assetRoutes } from './assets/assetRoutes.ts'
import { FileAssetStore } from './assets/FileAssetStore.ts'
import { clientConfigRoute } from './http/clientConfig.ts'
import { rejectUpgrade } from './http/rejectUpgrade.ts'
import type { Logger } from './logger.ts'
import { Metrics } from './metrics.ts'
import type { BoardStore } from './storage/BoardStore.ts'
import { SqliteBoardStore } from './storage/SqliteBoardStore.ts'
import { RoomRegistry } from './sync/RoomRegistry.ts'
import { SyncEndpoint } from './sync/SyncEndpoint.ts'
import { FULL_ACCESS } from './sync/SyncSocket.ts'

const CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url))

export interface IdeenschmiedeServer {
  readonly httpServer: http.Server
  readonly registry: RoomRegistry
  readonly store: BoardStore
  readonly metrics: Metrics
  /** Resolves with the bound port (useful with port 0). */
  listen(): Promise<number>
  close(): Promise<void>
}

/** Builds the whole server from a config object; nothing global, so tests run several in one process. */
export function createServer(config: Config, logger: Logger): IdeenschmiedeServer {
  const metrics = new Metrics()
  const store = new SqliteBoardStore(path.join(config.dataDir, 'ideenschmiede.sqlite'))
  const registry = new RoomRegistry({
    store,
    logger,
    metrics,
    compactAfterUpdates: config.compactAfterUpdates,
    maxPendingUpdatesPerClient: config.maxPendingUpdatesPerClient,
  })
  const sync = new SyncEndpoint({
    registry,
    logger,
    metrics,
    maxMessageBytes: config.maxMessageBytes,
    keepaliveIntervalMs: config.keepaliveIntervalMs,
  })

  const app = express()
  app.disable('x-powered-by')
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render())
  })
  app.use(clientConfigRoute(config))
  app.use(assetRoutes({ store: new FileAssetStore(path.join(config.dataDir, 'assets')), maxBytes: config.assetMaxBytes, logger }))
  serveClient(app)

  const httpServer = http.createServer(app)
  httpServer.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname
    if (pathname.startsWith('/socket.io/')) return
    socket.on('error', (error) => logger.debug({ err: error.message }, 'upgrade socket error'))
    if (!pathname.startsWith('/yjs/')) {
      rejectUpgrade(socket, 404, 'no WebSocket endpoint at this path')
      return
    }
    const boardId = pathname.slice('/yjs/'.length)
    if (!isBoardId(boardId)) {
      rejectUpgrade(socket, 400, 'invalid board id')
      return
    }
    sync.handleUpgrade(request, socket, head, boardId, FULL_ACCESS)
  })

  return {
    httpServer,
    registry,
    store,
    metrics,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject)
          resolve((httpServer.address() as AddressInfo).port)
        })
      }),
    close: async () => {
      sync.close()
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
      await registry.closeAll()
      await store.close()
    },
  }
}

function serveClient(app: express.Express): void {
  const indexHtml = path.join(CLIENT_DIR, 'index.html')
  app.use('/assets', express.static(path.join(CLIENT_DIR, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
  app.use(express.static(CLIENT_DIR, { index: false }))
  app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
    if (fs.existsSync(indexHtml)) {
      res.set('Cache-Control', 'no-cache').sendFile(indexHtml)
    } else {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build` (npm start does it for you).')
    }
  })
}
