import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

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
