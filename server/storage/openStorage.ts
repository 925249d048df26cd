import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import { openSqliteStorage, type Storage } from './Storage.ts'

/** The storage the config asks for: the SQLite file in DATA_DIR. */
export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  return openSqliteStorage(config.dataDir, logger)
}
