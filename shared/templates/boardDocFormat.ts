import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import type * as Y from 'yjs'

/**
 * Where a board's Y.Doc keeps its tldraw records, as the board client
 * (client/src/collab/boardDocument.ts) reads and writes them: a YKeyValue of
 * `{ key: record id, val: record }` entries over this array, and the schema
 * the records were written with under `schema` in the `meta` map. A unit test
 * holds these names equal to the client's.
 */
export const RECORDS_ARRAY_NAME = 'tl_records'
export const META_MAP_NAME = 'meta'
export const SCHEMA_META_KEY = 'schema'

export type SerializedTLSchema = ReturnType<TLSchema['serialize']>

/**
 * Writes a new board's first records and their schema in one transaction.
 * Seeding is for creation only: a doc that already holds records or a schema
 * is refused, because seeding it again would overwrite what people drew.
 */
export function seedBoardDoc(doc: Y.Doc, records: readonly TLRecord[], schema: SerializedTLSchema): void {
  const array = doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY_NAME)
  const meta = doc.getMap<unknown>(META_MAP_NAME)
  if (array.length > 0 || meta.has(SCHEMA_META_KEY)) throw new Error('this board document already has content; templates seed new boards only')
  const ids = new Set(records.map((record) => record.id))
  if (ids.size !== records.length) throw new Error('template records must have distinct ids')
  // On an empty array, YKeyValue.set would append exactly these entries; pushing
  // them directly does not leave a YKeyValue observer attached to the doc.
  doc.transact(() => {
    array.push(records.map((record) => ({ key: record.id, val: record })))
    meta.set(SCHEMA_META_KEY, schema)
  })
}

/**
 * The records a board's Y.Doc holds, read without changing it (YKeyValue's
 * constructor would delete duplicate entries, a write). Like YKeyValue, the
 * last entry of a key wins. Values are whatever peers wrote: unvalidated.
 */
export function readBoardRecords(doc: Y.Doc): Map<string, unknown> {
  const records = new Map<string, unknown>()
  for (const entry of doc.getArray<unknown>(RECORDS_ARRAY_NAME).toArray()) {
    if (typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string') {
      const { key, val } = entry as { key: string; val: unknown }
      records.set(key, val)
    }
  }
  return records
}
