import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'

/** The tldraw schema this server writes with; the same version the client bundles. */
export const TLDRAW_SCHEMA = createTLSchema()

export type RecordsCheck = { ok: true; records: TLRecord[] } | { ok: false; error: string }

/**
 * Brings records written with `persisted` up to our schema and validates
 * each. A snapshot from a newer tldraw cannot be migrated down safely and is
 * refused rather than half-imported.
 */
export function checkRecords(persisted: unknown, records: readonly unknown[]): RecordsCheck {
  const schema = (persisted ?? TLDRAW_SCHEMA.serialize()) as SerializedSchema
  let migrations
  try {
    migrations = TLDRAW_SCHEMA.getMigrationsSince(schema)
  } catch (error) {
    return { ok: false, error: `the snapshot's schema is unreadable: ${String(error)}` }
  }
  if (!migrations.ok) return { ok: false, error: 'the snapshot was made with a newer version of Ideenschmiede and cannot be opened here' }
  const checked: TLRecord[] = []
  for (const record of records) {
    const migrated = TLDRAW_SCHEMA.migratePersistedRecord(structuredClone(record) as TLRecord, schema, 'up')
    if (migrated.type !== 'success') return { ok: false, error: `a record could not be migrated (${migrated.reason})` }
    const typeName = (migrated.value as { typeName?: unknown }).typeName
    const type = typeof typeName === 'string' ? (TLDRAW_SCHEMA.types as Record<string, { scope: string; validate(r: unknown): TLRecord } | undefined>)[typeName] : undefined
    if (!type) return { ok: false, error: `unknown record type ${String(typeName)}` }
    if (type.scope !== 'document') continue
    try {
      checked.push(type.validate(migrated.value))
    } catch (error) {
      return { ok: false, error: `invalid record ${String((migrated.value as { id?: unknown }).id)}: ${error instanceof Error ? error.message : String(error)}` }
    }
  }
  return { ok: true, records: checked }
}
