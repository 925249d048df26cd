import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { JOURNAL_FILE_NAME, SQLITE_FILE_NAME } from '../../server/storage/Storage.ts'

function text(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1')
  return String(value)
}

function filesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return []
  return fs.readdirSync(directory, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

/**
 * Where any of the needles still stands in a server's data directory: in a
 * row of any table (read through SQLite, as the server sees it), anywhere in
 * the bytes of the database file and its WAL (free pages, old row images),
 * in the update journal, or in the name or bytes of an asset file.
 */
export function findInDataDir(dataDir: string, needles: readonly string[]): string[] {
  const found: string[] = []
  const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { fileMustExist: true })
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all()
    for (const { name } of tables) {
      for (const row of db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${name}"`).all()) {
        const cells = Object.values(row).map(text).join('\u0000')
        for (const needle of needles) if (cells.includes(needle)) found.push(`table ${name}: ${needle}`)
      }
    }
  } finally {
    db.close()
  }
  for (const name of ['ideenschmiede.sqlite', 'ideenschmiede.sqlite-wal']) {
    const file = path.join(dataDir, name)
    if (!fs.existsSync(file)) continue
    const raw = fs.readFileSync(file).toString('latin1')
    for (const needle of needles) if (raw.includes(needle)) found.push(`raw ${name}: ${needle}`)
  }
  // Strings inside Yjs updates are UTF-8; latin1 keeps every byte, so an ASCII needle is found either way.
  const journal = fs.readFileSync(path.join(dataDir, JOURNAL_FILE_NAME)).toString('latin1')
  for (const needle of needles) if (journal.includes(needle)) found.push(`journal: ${needle}`)
  for (const file of filesUnder(path.join(dataDir, 'assets'))) {
    const content = `${file}\u0000${fs.readFileSync(file).toString('latin1')}`
    for (const needle of needles) if (content.includes(needle)) found.push(`asset ${file}: ${needle}`)
  }
  return found
}
