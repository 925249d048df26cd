import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/** Names inside a board's Y.Doc, shared with the server and every client that ever wrote the board. */
export const RECORDS_ARRAY_NAME = 'tl_records'
export const META_MAP_NAME = 'meta'
export const SCHEMA_META_KEY = 'schema'

export type RecordChange = { action: 'add'; newValue: unknown } | { action: 'update'; oldValue: unknown; newValue: unknown } | { action: 'delete'; oldValue: unknown }

/** The board's records keyed by record id; values are whatever peers wrote, so they are `unknown` until validated. */
export function openRecords(doc: Y.Doc): YKeyValue<unknown> {
  return new YKeyValue<unknown>(doc.getArray(RECORDS_ARRAY_NAME))
}

export function openMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_MAP_NAME)
}
