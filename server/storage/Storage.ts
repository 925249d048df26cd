import path from 'node:path'
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
  const boards = new SqliteBoardStore(db, { journalFile: path.join(dataDir, JOURNAL_FILE_NAME), logger })
  const stores = {
    boards,
    events: new SqliteEventStore(db),
    workshops: new SqliteWorkshopStateStore(db),
    votes: new SqliteVoteStore(db),
    profiles: new SqliteProfileStore(db),
    matches: new SqliteMatchStore(db),
    versions: new SqliteVersionStore(db),
  }
  const checkpointer = startWalCheckpointer(file, logger)
  return {
    ...stores,
    close: async () => {
      boards.close()
      await checkpointer.stop()
      db.close()
      lock.release()
    },
  }
}
