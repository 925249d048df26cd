import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

import { RECORDS_ARRAY_NAME } from '../../../shared/boardDocument.ts'

export { META_MAP_NAME, openMeta, RECORDS_ARRAY_NAME, SCHEMA_META_KEY } from '../../../shared/boardDocument.ts'

export type RecordChange =
  | { action: 'add'; newValue: unknown }
  | { action: 'update'; oldValue: unknown; newValue: unknown }
  | { action: 'delete'; oldValue: unknown }

/** Marks our own writes to the Y.Doc, so the observer does not feed them back into the store. */
export const LOCAL_ORIGIN = Symbol('ideenschmiede-local')

/**
 * The board's records keyed by record id; values are whatever peers wrote,
 * so they are `unknown` until validated.
 *
 * YKeyValue reads `entry.key` on every array entry and throws on a `null`
 * one: in its constructor that would stop the board from opening for
 * everyone, in its observer it would break the update that carried it.
 * So malformed entries are removed before it is constructed and whenever a
 * peer adds one, and its observer is guarded.
 */
export function openRecords(doc: Y.Doc): YKeyValue<unknown> {
  const array = doc.getArray<unknown>(RECORDS_ARRAY_NAME)
  removeMalformedEntries(array)
  array.observe((event) => {
    const added = Array.from(event.changes.added).flatMap((item) => item.content.getContent() as unknown[])
    if (added.some((entry) => !isEntry(entry))) queueMicrotask(() => removeMalformedEntries(array))
  })
  const observe = array.observe
  array.observe = (handler) =>
    observe.call(array, (event, transaction) => {
      try {
        handler(event, transaction)
      } catch (error) {
        console.warn('Ideenschmiede: a malformed board update was skipped', error)
      }
    })
  try {
    return new YKeyValue<unknown>(array as Y.Array<{ key: string; val: unknown }>)
  } finally {
    Reflect.deleteProperty(array, 'observe')
  }
}

function isEntry(entry: unknown): entry is { key: string; val: unknown } {
  return typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string'
}

function removeMalformedEntries(array: Y.Array<unknown>): void {
  const entries = array.toArray()
  if (entries.every(isEntry)) return
  console.warn('Ideenschmiede: removed malformed entries from the board records')
  array.doc?.transact(() => {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (!isEntry(entries[i])) array.delete(i, 1)
    }
  }, LOCAL_ORIGIN)
}
