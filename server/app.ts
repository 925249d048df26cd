import http from 'node:http'
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
import { createPrivacyApi } from './http/privacyApi.ts'
import { createReportApi } from './http/reportApi.ts'
import { securityHeaders } from './http/securityHeaders.ts'
import { serveClient } from './http/serveClient.ts'
import { assertAdmin, principalOf, requireAuth, requireBoardEditor } from './http/requireAuth.ts'
import { assetRoutes } from './assets/assetRoutes.ts'
import { clientConfigRoute } from './http/clientConfig.ts'
import { readinessRoute } from './http/readiness.ts'
import { openRedisScaleOut } from './redis/RedisScaleOut.ts'
import { singleProcess } from './ScaleOut.ts'
import type { Logger } from './logger.ts'
import { Metrics } from './metrics.ts'
import { deleteEvent as deleteStoredEvent } from './privacy/EventDeletion.ts'
import { PersonalData } from './privacy/PersonalData.ts'
import { RetentionJob } from './privacy/RetentionJob.ts'
import { myMatches } from './speedDating/myMatches.ts'
import { breakoutsFeature } from './breakouts/breakoutsFeature.ts'
import { pitchFeature } from './pitch/pitchFeature.ts'
import { PrivateNoteCounter } from './silentRound/PrivateNoteCounter.ts'
import { revealPrivateNotes } from './silentRound/revealPrivateNotes.ts'
import { silentRoundFeature } from './silentRound/silentRoundFeature.ts'
import { speedDatingFeature } from './speedDating/speedDatingFeature.ts'
import { CommandRegistry } from './workshop/CommandRegistry.ts'
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
import { eventRoom, personRoom } from './workshop/socketTypes.ts'
import type { Storage } from './storage/Storage.ts'
import { RoomRegistry } from './sync/RoomRegistry.ts'
import { SyncEndpoint } from './sync/SyncEndpoint.ts'
import { PrivateNotesEraser } from './silentRound/PrivateNotesEraser.ts'
import { UpgradeRouter } from './http/UpgradeRouter.ts'

const CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url))
const JOIN_FAILURES_PER_MINUTE = 10
/** The version stored right after a silent round's notes are revealed, so the history names that one change. */
const REVEAL_VERSION_NAME = 'Stille Ideensammlung aufgedeckt'

export interface IdeenschmiedeServer {
  readonly httpServer: http.Server
  readonly registry: RoomRegistry
  readonly storage: Storage
  readonly access: AccessControl
  readonly metrics: Metrics
  readonly adminToken: string
  readonly retention: RetentionJob
  /** Resolves with the bound port (useful with port 0). */
  listen(): Promise<number>
  close(): Promise<void>
}

export interface ServerClock {
  /** The retention job's clock; tests move it past a retention period. */
  now?: () => number
}

export interface ServerDeps extends ServerClock {
  /** Opened by `openServer`; the server closes it on `close`. */
  storage: Storage
}

/** Builds the whole server from a config object; nothing global, so tests run several in one process. */
export function createServer(config: Config, logger: Logger, { storage, now = Date.now }: ServerDeps): IdeenschmiedeServer {
  const metrics = new Metrics()
  const scaleOut = config.redisUrl
    ? openRedisScaleOut({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger, metrics })
    : singleProcess()
  const adminToken = loadAdminToken(config.dataDir, config.adminToken)
  const access = new AccessControl(storage.events, adminToken, { maxDevicesPerEvent: config.maxDevicesPerEvent, deviceIdleMs: config.deviceIdleMs })
  const registry = new RoomRegistry({
    store: storage.boards,
    logger,
    metrics,
    compactAfterUpdates: config.compactAfterUpdates,
    compactIdleMs: config.compactIdleMs,
    maxPendingUpdatesPerClient: config.maxPendingUpdatesPerClient,
    awareness: { maxStateBytes: config.maxAwarenessStateBytes, maxUpdatesPerSecond: config.awarenessUpdatesPerSecond },
    content: { maxRecordBytes: config.maxRecordBytes, maxBoardBytes: config.maxBoardBytes },
    relay: scaleOut.relay,
    onUpdatesStored: (room) => {
      // A private notes document has no history of its own; it only moves the silent round's counts.
      if (!noteCounter.handleStored(room.boardId, room.doc)) history.noteActivity(room.boardId, () => readContent(room.doc))
    },
  })
  const documents = new BoardDocuments(registry)
  const eventChanges = new EventChanges()
  const history = new BoardHistory(storage.versions, documents, logger, (boardId) => {
    storage.events.getBoard(boardId).then(
      (board) => board && eventChanges.notifyVersions(board.eventId, boardId),
      (error: unknown) => logger.warn({ boardId, err: error }, 'could not tell facilitators about a new version'),
    )
  })
  const sync = new SyncEndpoint({
    registry,
    logger,
    metrics,
    maxMessageBytes: config.maxMessageBytes,
    maxSendBufferBytes: config.maxSendBufferBytes,
    keepaliveIntervalMs: config.keepaliveIntervalMs,
    trustProxy: config.trustProxy,
  })
  access.onRevoked((linkIds) => {
    sync.closeLinks(linkIds)
    scaleOut.linkRevocations?.announce(linkIds)
  })
  scaleOut.linkRevocations?.listen((linkIds) => sync.closeLinks(linkIds))
  const commands = new CommandRegistry(workshopFeatures(storage, documents, history, eventChanges, logger))
  const workshops = new WorkshopHub({
    store: storage.workshops,
    lock: scaleOut.commandLock,
    feed: scaleOut.workshopFeed,
    initialState: (eventId) => commands.initialState(eventId),
    deadlines: (state) => commands.deadlines(state),
    logger,
  })
  const noteCounter = new PrivateNoteCounter({ events: storage.events, workshops, logger })
  const { assets } = storage
  const upgrades = new UpgradeRouter({ access, events: storage.events, sync, workshops, logger, publicUrl: config.publicUrl })

  const app = express()
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
  scaleOut.attach(io)

  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.use(securityHeaders())
  // JSON, reports and index.html; static files come precompressed and are left alone (they already carry Content-Encoding).
  app.use(compression())
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  app.get('/readyz', readinessRoute({ storage, scaleOutProblem: () => scaleOut.unreadyReason(), logger }))
  app.get('/metrics', requireAuth(access), (_req, res) => {
    assertAdmin(principalOf(res))
    res.type('text/plain; version=0.0.4').send(metrics.render())
  })
  app.use(clientConfigRoute(config))
  app.post('/api/boards/:boardId/assets', requireAuth(access), requireBoardEditor(storage.events))
  app.use(assetRoutes({ store: assets, maxBytes: config.assetMaxBytes }))
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
  const privateNotes = new PrivateNotesEraser({ store: storage.boards, registry, closeDocuments: (gone) => sync.closeDocuments(gone) })
  const deleteEvent = (eventId: string) =>
    deleteStoredEvent(
      {
        storage,
        assets,
        registry,
        history,
        workshops,
        privateNotes,
        cutOff: (id, boardIds) => {
          io.in(eventRoom(id)).disconnectSockets(true)
          sync.closeBoards(boardIds)
        },
        logger,
      },
      eventId,
    )
  const personalData = new PersonalData({
    storage,
    documents,
    history,
    workshops,
    privateNotes,
    deleteDevices: (eventId, linkId) => access.deleteDevices(eventId, linkId),
    closeJoining: (eventId) => access.revokeRole(eventId, 'participant'),
    cutOffPerson: (eventId, personId) => io.in(personRoom(eventId, personId)).disconnectSockets(true),
    resendMatches: async (eventId, personIds) => {
      for (const personId of personIds) io.to(personRoom(eventId, personId)).emit('matches:mine', await myMatches(storage, eventId, personId))
    },
    now,
    logger,
  })
  const retention = new RetentionJob({ events: storage.events, personalData, deleteEvent, now, logger })
  retention.start()
  app.use('/api', createPrivacyApi({ events: storage.events, personalData, deleteEvent }))
  app.use('/api', (_req, res) => sendApiError(res, 'not_found', 'no such API route'))
  app.use('/api', apiErrorHandler(logger))
  serveClient(app, CLIENT_DIR)

  return {
    httpServer,
    registry,
    storage,
    access,
    metrics,
    adminToken,
    retention,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject)
          resolve((httpServer.address() as AddressInfo).port)
        })
      }),
    // io.close resolves only once every connection has ended, board connections included: those are told to go first.
    close: async () => {
      await retention.stop()
      httpServer.close()
      sync.close()
      httpServer.closeAllConnections()
      await io.close()
      await workshops.dispose()
      await registry.closeAll()
      await scaleOut.close()
      await storage.close()
    },
  }
}

/** The composition root of workshop control: every feature, wired to what it needs. */
function workshopFeatures(storage: Storage, documents: BoardDocuments, history: BoardHistory, eventChanges: EventChanges, logger: Logger) {
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
      boardsCreated: (eventId) => eventChanges.notify(eventId),
    }),
    pitchFeature({
      events,
      documents,
      now,
      ensurePitchFrames: async (eventId, boardId, pitcherIds) => {
        const profiles = await storage.profiles.loadProfiles(eventId)
        const pitchers = pitcherIds.flatMap((id) => {
          const card = profiles.get(id)
          return card ? [{ personId: id, card }] : []
        })
        return ensurePitchFrames(documents, boardId, pitchers, 'de')
      },
    }),
    breakoutsFeature({
      events,
      documents,
      seedCanvas: (boardId) => seedTemplate(documents, boardId, 'cross-innovation-canvas', 'de'),
      boardsCreated: (eventId) => eventChanges.notify(eventId),
    }),
    silentRoundFeature({
      events,
      now,
      reveal: async (boardId, authors) => {
        if ((await revealPrivateNotes(documents, boardId, authors, logger)) > 0) await history.createNamed(boardId, REVEAL_VERSION_NAME)
      },
    }),
  ]
}
