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
