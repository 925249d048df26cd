import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/**
 * SQLite's own default page cache. better-sqlite3 raises it to 16 MB per
 * connection, which a running server filled over its first twenty minutes
 * (the load benchmark's soak: RSS growing by a tenth, as if it leaked) with
 * pages of the update log it had just written and never reads back: boards
 * are read once, when a room opens, and the operating system caches the file.
 */
const PAGE_CACHE_KIB = 2000

/**
 * WAL with synchronous=NORMAL: a commit is a write to the WAL without fsync,
 * which survives a killed process (our durability promise) but not a power
 * cut of the host. That keeps an append in the tens of microseconds.
 */
export function openSqliteDatabase(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`)
  return db
}

export type PrepareCached = <P extends unknown[] = unknown[], R = unknown>(sql: string) => Database.Statement<P, R>

/** Prepares each SQL text once: better-sqlite3 compiles on every `prepare`, which showed up on the connection path. */
export function cachedStatements(db: Database.Database): PrepareCached {
  const cache = new Map<string, Database.Statement<unknown[], unknown>>()
  return <P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = db.prepare<unknown[], unknown>(sql)
      cache.set(sql, statement)
    }
    return statement as unknown as Database.Statement<P, R>
  }
}
