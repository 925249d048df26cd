import type { SerializedSchema, TLStore } from 'tldraw'
import { z } from 'zod'

const serializedSchemaSchema = z.union([
  z.object({ schemaVersion: z.literal(2), sequences: z.record(z.string(), z.number().int()) }),
  z.object({
    schemaVersion: z.literal(1),
    storeVersion: z.number().int(),
    recordVersions: z.record(
      z.string(),
      z.union([
        z.object({ version: z.number().int() }),
        z.object({ version: z.number().int(), subTypeKey: z.string(), subTypeVersions: z.record(z.string(), z.number().int()) }),
      ]),
    ),
  }),
])

/**
 * How the schema a board was written with relates to ours:
 * - `current`: nothing to do (a new board counts as current),
 * - `older`: records must be migrated up as they are loaded,
 * - `newer`: written by a newer tldraw (or unreadable); we must not write to it.
 */
export type SchemaComparison =
  | { kind: 'current'; persisted: SerializedSchema | null }
  | { kind: 'older'; persisted: SerializedSchema }
  | { kind: 'newer'; reason: string }

export function compareBoardSchema(store: TLStore, stored: unknown): SchemaComparison {
  if (stored === undefined) return { kind: 'current', persisted: null }
  const parsed = serializedSchemaSchema.safeParse(stored)
  if (!parsed.success) return { kind: 'newer', reason: 'the stored schema is unreadable' }
  const persisted = parsed.data
  const migrations = store.schema.getMigrationsSince(persisted)
  if (!migrations.ok) return { kind: 'newer', reason: migrations.error }
  return migrations.value.length === 0 ? { kind: 'current', persisted } : { kind: 'older', persisted }
}
