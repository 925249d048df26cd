import { createServer, type IdeenschmiedeServer, type ServerClock } from './app.ts'
import type { Config } from './config.ts'
import type { Logger } from './logger.ts'
import { openStorage } from './storage/openStorage.ts'

/** Opens what the server stands on (its storage), then builds the server on it. */
export async function openServer(config: Config, logger: Logger, clock: ServerClock = {}): Promise<IdeenschmiedeServer> {
  const storage = await openStorage(config, logger)
  try {
    return createServer(config, logger, { ...clock, storage })
  } catch (error) {
    await storage.close()
    throw error
  }
}
