import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import { openPostgresStorage } from './postgres/openPostgresStorage.ts'
import { openSqliteStorage, type Storage } from './Storage.ts'

/** The storage the config asks for: PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  if (config.databaseUrl) return openPostgresStorage(config.databaseUrl, logger)
  return openSqliteStorage(config.dataDir, logger)
}
