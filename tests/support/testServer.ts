import type pino from 'pino'
import type { IdeenschmiedeServer, ServerClock } from '../../server/app.ts'
import { openServer } from '../../server/openServer.ts'
import { configWith, type Config } from '../../server/config.ts'
import { createLogger } from '../../server/logger.ts'
import { makeTempDir } from './tempDirs.ts'

export interface TestServer {
  server: IdeenschmiedeServer
  config: Config
  httpUrl: string
  wsUrl: string
  adminToken: string
  /** A new board in the test event; the admin token opens it. */
  createBoard(title?: string): Promise<string>
  /** The event that createBoard puts boards in. */
  eventId(): Promise<string>
  /** A fresh participant link's token for the test event. */
  participantToken(): Promise<string>
  stop(): Promise<void>
}

export function makeDataDir(): string {
  return makeTempDir('test')
}

/**
 * The retention job's clock unless a test moves it: the day after the date
 * fixtures give their events (08.11.2024). On the real clock their retention
 * period is long over, and a server living through a long test file would
 * remove their personal data halfway through it.
 */
const FIXTURE_DAY_AFTER = Date.parse('2024-11-09T12:00:00Z')

export interface TestServerOptions extends ServerClock {
  /** Where the server's log goes, at level "trace", for tests that read what it logs. */
  logTo?: pino.DestinationStream
}

/** The real server, in this process, on 127.0.0.1 and a free port. */
export async function startTestServer(overrides: Partial<Config> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const config = configWith({ dataDir: makeDataDir(), port: 0, host: '127.0.0.1', ...overrides })
  const logger = options.logTo ? createLogger('trace', options.logTo) : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent')
  const server = await openServer(config, logger, { now: options.now ?? (() => FIXTURE_DAY_AFTER) })
  const port = await server.listen()
  const { events } = server.storage
  let eventId: Promise<string> | null = null
  const testEventId = () => {
    eventId ??= events.listEvents().then(async (existing) => {
      const first = existing[0]
      if (first) return first.id
      const created = await events.createEvent({ title: 'Testveranstaltung', date: null, place: null, mode: 'vor-ort', agenda: [], callUrl: null })
      return created.id
    })
    return eventId
  }
  return {
    server,
    config,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    adminToken: server.adminToken,
    eventId: testEventId,
    createBoard: async (title = 'Board') => (await events.createBoard(await testEventId(), title, 'leer')).id,
    participantToken: async () => (await server.access.issueLink(await testEventId(), 'participant', null)).token,
    stop: () => server.close(),
  }
}
