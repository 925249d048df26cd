import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

const LOCK_FILE_NAME = 'ideenschmiede.lock'

export class DataDirInUseError extends Error {
  constructor(dataDir: string) {
    super(`${dataDir} is in use by another Ideenschmiede process (one process per DATA_DIR)`)
  }
}

export interface DataDirLock {
  release(): void
}

/**
 * Claims DATA_DIR for this process. Two servers on one directory would each
 * keep their own rooms and sequence numbers, and each would empty the update
 * journal the other still relies on. The claim is an exclusive SQLite lock
 * on a small file, held for the connection's life: the kernel drops it when
 * the process ends, even by SIGKILL, so a crash never leaves a stale claim.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = new Database(path.join(dataDir, LOCK_FILE_NAME), { timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    // The file holds nothing worth a rollback journal, which exclusive mode would otherwise keep beside it in DATA_DIR.
    db.pragma('journal_mode = MEMORY')
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;')
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid)
  } catch (error) {
    db.close()
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir)
    throw error
  }
  return { release: () => db.close() }
}
