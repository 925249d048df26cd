import type * as Y from 'yjs'

/**
 * Names inside a board's Y.Doc, shared by the server and every client that
 * ever wrote the board: a YKeyValue of `{ key: record id, val: record }`
 * entries over this array, and the schema the records were written with
 * under `schema` in the `meta` map.
 */
export const RECORDS_ARRAY_NAME = 'tl_records'
export const META_MAP_NAME = 'meta'
export const SCHEMA_META_KEY = 'schema'

interface Entry {
  key: string
  val: unknown
}

export function openMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_MAP_NAME)
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string'
}

/**
 * The records a board's Y.Doc holds, read without changing it (YKeyValue's
 * constructor deletes duplicate entries, a write, and stays subscribed).
 * Like YKeyValue, the last entry of a key wins. Values are unvalidated.
 */
export function readBoardRecords(doc: Y.Doc): Map<string, unknown> {
  const records = new Map<string, unknown>()
  for (const entry of doc.getArray<unknown>(RECORDS_ARRAY_NAME).toArray()) {
    if (isEntry(entry)) records.set(entry.key, entry.val)
  }
  return records
}

/**
 * Sets and deletes records the way YKeyValue does (old entries removed, new
 * ones appended), in one transaction, for one-off writes by the server that
 * should not leave an observer behind on a long-lived document.
 */
export function writeBoardRecords(doc: Y.Doc, change: { set?: ReadonlyArray<{ id: string }>; delete?: readonly string[] }): void {
  const array = doc.getArray<unknown>(RECORDS_ARRAY_NAME)
  const set = change.set ?? []
  const affected = new Set<string>([...set.map((record) => record.id), ...(change.delete ?? [])])
  const stale: number[] = []
  array.toArray().forEach((entry, index) => {
    if (isEntry(entry) && affected.has(entry.key)) stale.push(index)
  })
  doc.transact(() => {
    for (const index of stale.reverse()) array.delete(index, 1)
    if (set.length > 0) array.push(set.map((record) => ({ key: record.id, val: record })))
  })
}
