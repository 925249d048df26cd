import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import compression from 'compression'
import express from 'express'
import { AccessControl } from './auth/AccessControl.ts'
import { loadAdminToken } from './auth/adminToken.ts'
import { BoardDocuments, readContent } from './boards/BoardDocuments.ts'
import { ensurePitchFrames, seedPairBoard, seedTemplate } from './boards/boardSeeding.ts'
import { BoardHistory } from './boards/BoardHistory.ts'
import type { Config } from './config.ts'
import { apiErrorHandler, sendApiError } from './http/apiErrors.ts'
import { createEventsApi } from './http/eventsApi.ts'
import { FailedAttemptLimiter } from './http/FailedAttemptLimiter.ts'
import { originAllowed } from './http/originAllowed.ts'
import { createBoardsApi } from './http/boardsApi.ts'
import { createDevicesApi } from './http/devicesApi.ts'
import { createJoinApi } from './http/joinApi.ts'
import { createReportApi } from './http/reportApi.ts'
import { securityHeaders } from './http/securityHeaders.ts'
import { serveClient } from './http/serveClient.ts'
import { assertAdmin, principalOf, requireAuth, requireBoardEditor } from './http/requireAuth.ts'
import { assetRoutes } from './assets/assetRoutes.ts'
import { FileAssetStore } from './assets/FileAssetStore.ts'
import { clientConfigRoute } from './http/clientConfig.ts'
import type { Logger } from './logger.ts'
import { Metrics } from './metrics.ts'
import { breakoutsFeature } from './breakouts/breakoutsFeature.ts'
import { pitchFeature } from './pitch/pitchFeature.ts'
import { speedDatingFeature } from './speedDating/speedDatingFeature.ts'
import { CommandRegistry } from './workshop/CommandRegistry.ts'
import { InProcessEventCommandLock } from './workshop/EventCommandLock.ts'
import { EventChanges } from './workshop/EventChanges.ts'
import { agendaFeature } from './workshop/features/agenda.ts'
import { checkInFeature } from './workshop/features/checkIn.ts'
import { followMeFeature } from './workshop/features/followMe.ts'
import { locksFeature } from './workshop/features/locks.ts'
import { peopleFeature } from './workshop/features/people.ts'
import { reactionsFeature } from './workshop/features/reactions.ts'
import { votingFeature } from './workshop/features/voting.ts'
import { WorkshopHub } from './workshop/WorkshopHub.ts'
import { attachWorkshopSockets } from './workshop/WorkshopSockets.ts'
import { openSqliteStorage, type Storage } from './storage/Storage.ts'
import { RoomRegistry } from './sync/RoomRegistry.ts'
import { SyncEndpoint } from './sync/SyncEndpoint.ts'
import { UpgradeRouter } from './http/UpgradeRouter.ts'

const CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url))
const JOIN_FAILURES_PER_MINUTE = 10

export interface IdeenschmiedeServer {
  readonly httpServer: http.Server
  readonly registry: RoomRegistry
  readonly storage: Storage
  readonly access: AccessControl
  readonly metrics: Metrics
  readonly adminToken: string
  /** Resolves with the bound port (useful with port 0). */
  listen(): Promise<number>
  close(): Promise<void>
}

/** Builds the whole server from a config object; nothing global, so tests run several in one process. */
export function createServer(config: Config, logger: Logger): IdeenschmiedeServer {
  const metrics = new Metrics()
  const storage = openSqliteStorage(config.dataDir, logger)
  const adminToken = loadAdminToken(config.dataDir, config.adminToken)
  const access = new AccessControl(storage.events, adminToken, { maxDevicesPerEvent: config.maxDevicesPerEvent, deviceIdleMs: config.deviceIdleMs })
  const registry = new RoomRegistry({
    store: storage.boards,
    logger,
    metrics,
    compactAfterUpdates: config.compactAfterUpdates,
    compactIdleMs: config.compactIdleMs,
    maxPendingUpdatesPerClient: config.maxPendingUpdatesPerClient,
    onUpdatesStored: (room) => history.noteActivity(room.boardId, () => readContent(room.doc)),
  })
  const documents = new BoardDocuments(registry)
  const history = new BoardHistory(storage.versions, documents, logger)
  const sync = new SyncEndpoint({
    registry,
    logger,
    metrics,
    maxMessageBytes: config.maxMessageBytes,
    keepaliveIntervalMs: config.keepaliveIntervalMs,
  })
  access.onRevoked((linkIds) => sync.closeLinks(linkIds))
  const commands = new CommandRegistry(workshopFeatures(storage, documents))
  const workshops = new WorkshopHub({
    store: storage.workshops,
    lock: new InProcessEventCommandLock(),
    initialState: (eventId) => commands.initialState(eventId),
    deadlines: (state) => commands.deadlines(state),
    logger,
  })
  const eventChanges = new EventChanges()
  const upgrades = new UpgradeRouter({ access, events: storage.events, sync, workshops, logger, publicUrl: config.publicUrl })

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.use(securityHeaders())
  // JSON, reports and index.html; static files come precompressed and are left alone (they already carry Content-Encoding).
  app.use(compression())
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  app.get('/metrics', requireAuth(access), (_req, res) => {
    assertAdmin(principalOf(res))
    res.type('text/plain; version=0.0.4').send(metrics.render())
  })
  app.use(clientConfigRoute(config))
  app.post('/api/boards/:boardId/assets', requireAuth(access), requireBoardEditor(storage.events))
  app.use(assetRoutes({ store: new FileAssetStore(path.join(config.dataDir, 'assets')), maxBytes: config.assetMaxBytes }))
  // Snapshots of large boards exceed the limit for ordinary bodies; the later json parser skips a parsed body.
  app.post('/api/events/:eventId/boards/import', express.json({ limit: config.maxImportBytes }))
  app.use('/api', express.json({ limit: config.maxJsonBodyBytes }))
  app.use(
    '/api',
    createJoinApi({ access, limiter: new FailedAttemptLimiter(JOIN_FAILURES_PER_MINUTE, 60_000), publicUrl: config.publicUrl }),
  )
  app.use('/api', requireAuth(access))
  app.use(
    '/api',
    createEventsApi({
      events: storage.events,
      access,
      publicUrl: config.publicUrl,
      changes: eventChanges,
      seedBoard: (boardId, template, language) => seedTemplate(documents, boardId, template, language),
    }),
  )
  app.use('/api', createBoardsApi({ events: storage.events, documents, history, changes: eventChanges }))
  app.use('/api', createDevicesApi({ events: storage.events, access, profiles: storage.profiles }))
  app.use(
    '/api',
    createReportApi({ events: storage.events, documents, votes: storage.votes, matches: storage.matches, profiles: storage.profiles }),
  )
  app.use('/api', (_req, res) => sendApiError(res, 'not_found', 'no such API route'))
  app.use('/api', apiErrorHandler(logger))
  serveClient(app, CLIENT_DIR)

  const httpServer = http.createServer(app)
  httpServer.on('upgrade', (request, socket, head) => upgrades.handle(request, socket, head))
  const io = attachWorkshopSockets(httpServer, {
    access,
    events: storage.events,
    hub: workshops,
    registry: commands,
    changes: eventChanges,
    logger,
    allowOrigin: (origin, host) => originAllowed(origin, host, config.publicUrl),
  })

  return {
    httpServer,
    registry,
    storage,
    access,
    metrics,
    adminToken,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject)
          resolve((httpServer.address() as AddressInfo).port)
        })
      }),
    close: async () => {
      await io.close()
      await workshops.dispose()
      sync.close()
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
      await registry.closeAll()
      await storage.close()
    },
  }
}

/** The composition root of workshop control: every feature, wired to what it needs. */
function workshopFeatures(storage: Storage, documents: BoardDocuments) {
  const { events } = storage
  const now = Date.now
  return [
    agendaFeature({ events, now }),
    checkInFeature(),
    followMeFeature({ events }),
    locksFeature({ events }),
    votingFeature({ events, votes: storage.votes }),
    reactionsFeature({ now }),
    peopleFeature({ profiles: storage.profiles }),
    speedDatingFeature({
      events,
      matches: storage.matches,
      profiles: storage.profiles,
      now,
      seedPairBoard: (boardId, cards, language) => seedPairBoard(documents, boardId, cards, language),
    }),
    pitchFeature({
      events,
      documents,
      now,
      ensurePitchFrames: async (eventId, boardId, pitcherIds) => {
        const profiles = await storage.profiles.loadProfiles(eventId)
        const pitchers = pitcherIds.flatMap((id) => {
          const card = profiles.get(id)
          return card ? [{ id, card }] : []
        })
        return ensurePitchFrames(documents, boardId, pitchers, 'de')
      },
    }),
    breakoutsFeature({
      events,
      documents,
      seedCanvas: (boardId) => seedTemplate(documents, boardId, 'cross-innovation-canvas', 'de'),
    }),
  ]
}
