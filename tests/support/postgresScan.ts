import { adminQuery } from './postgres.ts'

function text(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1')
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * Where any of the needles still stands in a row of any table of the schema,
 * as the server's queries would see it. Yjs updates hold strings as UTF-8;
 * read as latin1 every byte is kept, so an ASCII needle is found either way.
 * Unlike the SQLite scan this does not read the database's files: rows a
 * VACUUM has freed but not yet overwritten are there, out of SQL's reach.
 */
export async function findInSchema(schema: string, needles: readonly string[]): Promise<string[]> {
  const found: string[] = []
  const tables = await adminQuery<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [schema])
  for (const { table_name: table } of tables) {
    for (const row of await adminQuery(`SELECT * FROM "${schema}"."${table}"`)) {
      const cells = Object.values(row).map(text).join('\u0000')
      for (const needle of needles) if (cells.includes(needle)) found.push(`table ${table}: ${needle}`)
    }
  }
  return found
}
