import type Database from 'better-sqlite3'

/** Renames columns of a table created by an earlier release, where they still carry their old names. */
export function renameColumns(db: Database.Database, table: string, renames: Record<string, string>): void {
  const columns = new Set(db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((column) => column.name))
  for (const [from, to] of Object.entries(renames)) {
    if (columns.has(from) && !columns.has(to)) db.exec(`ALTER TABLE ${table} RENAME COLUMN ${from} TO ${to}`)
  }
}
