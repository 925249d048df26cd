import path from 'node:path'
import type { AssetStore } from '../assets/AssetStore.ts'
import { FileAssetStore } from '../assets/FileAssetStore.ts'
import type { BoardStore } from './BoardStore.ts'
import { SqliteVersionStore } from './SqliteVersionStore.ts'
import type { VersionStore } from './VersionStore.ts'
import type { Logger } from '../logger.ts'
import { lockDataDir, type DataDirLock } from './DataDirLock.ts'
import type { EventStore } from './EventStore.ts'
import type { MatchStore } from './MatchStore.ts'
import type { ProfileStore } from './ProfileStore.ts'
import { SqliteMatchStore } from './SqliteMatchStore.ts'
import { SqliteProfileStore } from './SqliteProfileStore.ts'
import { SqliteVoteStore } from './SqliteVoteStore.ts'
import { SqliteWorkshopStateStore } from './SqliteWorkshopStateStore.ts'
import type { VoteStore } from './VoteStore.ts'
import type { WorkshopStateStore } from './WorkshopStateStore.ts'
import { openSqliteDatabase } from './openSqliteDatabase.ts'
import { SqliteBoardStore } from './SqliteBoardStore.ts'
import { SqliteEventStore } from './SqliteEventStore.ts'
import { INLINE_CHECKPOINT_PAGES, startWalCheckpointer } from './WalCheckpointer.ts'

/** Everything the server keeps, behind interfaces a second backend can implement. */
export interface Storage {
  boards: BoardStore
  events: EventStore
  workshops: WorkshopStateStore
  votes: VoteStore
  profiles: ProfileStore
  matches: MatchStore
  versions: VersionStore
  /** Uploaded board images. */
  assets: AssetStore
  /**
   * Runs `work` so that what it deletes is gone as far as the backend can
   * reach, not just from the tables: for personal data. SQLite leaves it in
   * no file; PostgreSQL vacuums, so the space is reused (see
   * openPostgresStorage). Storage may be slower meanwhile.
   */
  erasing<T>(work: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

export const SQLITE_FILE_NAME = 'ideenschmiede.sqlite'
/** Board updates of the last two seconds, ahead of the database; see SqliteBoardStore. */
export const JOURNAL_FILE_NAME = 'ideenschmiede.journal'

/** Opens the SQLite storage in DATA_DIR, which this process holds until `close`. */
export function openSqliteStorage(dataDir: string, logger: Logger): Storage {
  const lock = lockDataDir(dataDir)
  try {
    return openLockedStorage(dataDir, logger, lock)
  } catch (error) {
    lock.release()
    throw error
  }
}

function openLockedStorage(dataDir: string, logger: Logger, lock: DataDirLock): Storage {
  const file = path.join(dataDir, SQLITE_FILE_NAME)
  const db = openSqliteDatabase(file)
  db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`)
  // Deleted rows and freed pages are overwritten with zeros, so what is deleted (a compacted log, a deleted event) leaves no readable trace in the file. It costs a write of each freed page, which a delete mostly writes anyway.
  db.pragma('secure_delete = ON')
  const boards = new SqliteBoardStore(db, { journalFile: path.join(dataDir, JOURNAL_FILE_NAME), logger })
  const stores = {
    boards,
    events: new SqliteEventStore(db),
    workshops: new SqliteWorkshopStateStore(db),
    votes: new SqliteVoteStore(db),
    profiles: new SqliteProfileStore(db),
    matches: new SqliteMatchStore(db),
    versions: new SqliteVersionStore(db),
    assets: new FileAssetStore(path.join(dataDir, 'assets')),
  }
  const checkpointer = startWalCheckpointer(file, logger)
  let erasers = 0
  return {
    ...stores,
    // The WAL still holds page images from before the deletes; once they are checkpointed the WAL is emptied.
    erasing: async (work) => {
      erasers += 1
      try {
        return await work()
      } finally {
        erasers -= 1
        if (erasers === 0) db.pragma('wal_checkpoint(TRUNCATE)')
      }
    },
    close: async () => {
      boards.close()
      await checkpointer.stop()
      db.close()
      lock.release()
    },
  }
}
