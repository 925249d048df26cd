import { createServer, type IdeenschmiedeServer } from '../../server/app.ts'
import { configWith, type Config } from '../../server/config.ts'
import { createLogger } from '../../server/logger.ts'
import { openSqliteStorage, type Storage } from '../../server/storage/Storage.ts'
import { makeTempDir } from './tempDirs.ts'

export interface ScaleOutProcess {
  server: IdeenschmiedeServer
  httpUrl: string
  wsUrl: string
}

export interface ScaleOutPair {
  processes: [ScaleOutProcess, ScaleOutProcess]
  adminToken: string
  storage: Storage
  stop(): Promise<void>
}

/** See testServer.ts: the day after the fixtures' event date, so retention leaves their data alone. */
const FIXTURE_DAY_AFTER = Date.parse('2024-11-09T12:00:00Z')

/**
 * Two server processes as in a scale-out, in this test process: one Storage,
 * opened once (it stands in for the shared PostgreSQL database), and one
 * Redis between them. Each server closes only its share of the storage.
 */
export async function startScaleOutPair(redis: { redisUrl: string; redisKeyPrefix: string }, overrides: Partial<Config> = {}): Promise<ScaleOutPair> {
  const dataDir = makeTempDir('scale-out')
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent')
  const storage = openSqliteStorage(dataDir, logger)
  const config = configWith({ dataDir, port: 0, host: '127.0.0.1', adminToken: 'scale-out-admin-token-0123456789', ...redis, ...overrides })
  let open = 2
  const share: Storage = {
    ...storage,
    close: async () => {
      open -= 1
      if (open === 0) await storage.close()
    },
  }
  const start = async (): Promise<ScaleOutProcess> => {
    const server = createServer(config, logger, { storage: share, now: () => FIXTURE_DAY_AFTER })
    const port = await server.listen()
    return { server, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/yjs` }
  }
  const processes: [ScaleOutProcess, ScaleOutProcess] = [await start(), await start()]
  return {
    processes,
    adminToken: processes[0].server.adminToken,
    storage,
    stop: async () => {
      await Promise.all(processes.map(({ server }) => server.close()))
    },
  }
}
