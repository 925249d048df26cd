import pg from 'pg'
import { PostgresAssetStore } from '../../assets/PostgresAssetStore.ts'
import type { Logger } from '../../logger.ts'
import type { Storage } from '../Storage.ts'
import { describeError, describeTarget } from './describeTarget.ts'
import { migrate } from './migrations.ts'
import { PostgresBoardStore } from './PostgresBoardStore.ts'
import { PostgresEventStore } from './PostgresEventStore.ts'
import { PostgresMatchStore } from './PostgresMatchStore.ts'
import { PostgresProfileStore } from './PostgresProfileStore.ts'
import { PostgresVersionStore } from './PostgresVersionStore.ts'
import { PostgresVoteStore } from './PostgresVoteStore.ts'
import { PostgresWorkshopStateStore } from './PostgresWorkshopStateStore.ts'

/** A write waits this long for a connection before it fails; without a limit, a database that stopped answering would hold every room's writes forever. */
const CONNECT_TIMEOUT_MS = 5_000

/** Tables that hold personal data, vacuumed after an erasure. */
const PERSONAL_DATA_TABLES = [
  'events',
  'boards',
  'links',
  'board_heads',
  'board_updates',
  'board_snapshots',
  'board_versions',
  'board_assets',
  'workshop_states',
  'vote_dots',
  'revealed_votes',
  'profile_cards',
  'match_marks',
]

/**
 * Opens the storage in the PostgreSQL database of DATABASE_URL (its tables in
 * the first schema of the connection's search_path), after bringing the
 * schema up to date. Any number of processes may share it.
 */
export async function openPostgresStorage(databaseUrl: string, logger: Logger): Promise<Storage> {
  const target = describeTarget(databaseUrl)
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'ideenschmiede' })
  // An idle connection that breaks (a database restart) is reported here; without a listener it would end the process.
  pool.on('error', (error) => logger.error({ err: error, database: target }, 'an idle PostgreSQL connection failed'))
  try {
    await migrate(pool, logger)
  } catch (error) {
    await pool.end()
    throw new Error(`PostgreSQL at ${target} (DATABASE_URL) is not usable: ${describeError(error)}`, { cause: error })
  }
  logger.info({ database: target }, 'storing in PostgreSQL')
  let erasers = 0
  return {
    boards: new PostgresBoardStore(pool, logger),
    events: new PostgresEventStore(pool),
    workshops: new PostgresWorkshopStateStore(pool),
    votes: new PostgresVoteStore(pool),
    profiles: new PostgresProfileStore(pool),
    matches: new PostgresMatchStore(pool),
    versions: new PostgresVersionStore(pool),
    assets: new PostgresAssetStore(pool),
    erasing: async (work) => {
      erasers += 1
      try {
        return await work()
      } finally {
        erasers -= 1
        if (erasers === 0) await vacuum(pool, logger)
      }
    },
    close: () => pool.end(),
  }
}

/**
 * Deleted rows are gone for every query once the deleting transaction
 * commits. VACUUM then frees their space for reuse, so later writes overwrite
 * them; it does not rewrite the files (VACUUM FULL would, but it locks each
 * table for the whole copy), and the write-ahead log and any backups keep
 * the old rows until they are recycled. A plain VACUUM skips pages without
 * dead rows, so it costs little beside an erasure. A failed VACUUM is logged,
 * not thrown: the data is already deleted, and autovacuum comes by later.
 */
async function vacuum(pool: pg.Pool, logger: Logger): Promise<void> {
  try {
    await pool.query(`VACUUM ${PERSONAL_DATA_TABLES.join(', ')}`)
  } catch (error) {
    logger.error({ err: error }, 'VACUUM after erasing personal data failed; autovacuum frees the space later')
  }
}
