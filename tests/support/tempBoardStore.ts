import path from 'node:path'
import type Database from 'better-sqlite3'
import { createLogger, type Logger } from '../../server/logger.ts'
import { openSqliteDatabase } from '../../server/storage/openSqliteDatabase.ts'
import { SqliteBoardStore } from '../../server/storage/SqliteBoardStore.ts'
import { makeTempDir } from './tempDirs.ts'

export interface TempStorage {
  dir: string
  db: Database.Database
  journalFile: string
}

const opened: { db: Database.Database; stores: SqliteBoardStore[] }[] = []

/** A database and journal path in a fresh directory; `closeTempStorage` closes what was opened on it. */
export function tempStorage(): TempStorage {
  const dir = makeTempDir('store')
  const db = openSqliteDatabase(path.join(dir, 'db.sqlite'))
  opened.push({ db, stores: [] })
  return { dir, db, journalFile: path.join(dir, 'updates.journal') }
}

export function openBoardStore(
  storage: TempStorage,
  options: { flushDelayMs?: number; journalCapacityBytes?: number; logger?: Logger } = {},
): SqliteBoardStore {
  const store = new SqliteBoardStore(storage.db, {
    journalFile: storage.journalFile,
    logger: options.logger ?? createLogger('silent'),
    flushDelayMs: options.flushDelayMs,
    journalCapacityBytes: options.journalCapacityBytes,
  })
  opened.find((entry) => entry.db === storage.db)?.stores.push(store)
  return store
}

export function closeTempStorage(): void {
  for (const { db, stores } of opened.splice(0)) {
    for (const store of stores) store.close()
    db.close()
  }
}
