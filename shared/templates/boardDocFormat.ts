import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { META_MAP_NAME, RECORDS_ARRAY_NAME, SCHEMA_META_KEY } from '../boardDocument.ts'


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
