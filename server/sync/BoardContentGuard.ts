import * as Y from 'yjs'
import { META_MAP_NAME, RECORDS_ARRAY_NAME, SCHEMA_META_KEY } from '../../shared/boardDocument.ts'
import { TLDRAW_SCHEMA } from '../boards/tldrawRecords.ts'

export interface BoardContentLimits {
  /** Largest single record (a shape, a page, an asset entry) as JSON. */
  maxRecordBytes: number
}

/** `gapped`: the update builds on content the board does not have yet, so where it lands cannot be checked. */
export type ContentVerdict = { ok: true } | { ok: false; kind: 'invalid' | 'record-too-big' | 'gapped'; reason: string }

type RecordType = { scope: string; validate(record: unknown): unknown }
const RECORD_TYPES = TLDRAW_SCHEMA.types as Record<string, RecordType | undefined>
/** The schema a client stores under meta is a few KB; anything bigger there is not a schema. */
const MAX_META_BYTES = 64 * 1024
/**
 * The most JSON bytes an update's records can come to. The worst byte is
 * one of a binary value (Yjs keeps Uint8Arrays), which JSON spells as an
 * entry like `"1048575":255,`, its index having at most as many digits as
 * the update's length; a control character in a string is six (`\u0001`).
 */
function maxJsonBytesOf(update: Uint8Array): number {
  return update.byteLength * (String(update.byteLength).length + '"":255,'.length)
}

type Struct = Y.Item | Y.GC | Y.Skip
/** Where an item lands: its root type and, in a map, its key (both inherited from its neighbour when it has one). */
type Located = { root: string | null; key: string | null } | { nested: true }

function refuse(reason: string, kind: 'invalid' | 'record-too-big' | 'gapped' = 'invalid'): ContentVerdict {
  return { ok: false, kind, reason }
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '')
}

/**
 * Checks what an update would add to a board before it is applied: only
 * tldraw document records, valid by the schema the server holds, in the
 * records array, and the schema under meta. Nested types, text, other root
 * types and records the schema rejects are refused, so the server neither
 * stores nor relays them. Deletes are always allowed. Throws on an update
 * that cannot be decoded.
 */
export function checkBoardUpdate(doc: Y.Doc, update: Uint8Array, limits: BoardContentLimits): ContentVerdict {
  // An update that cannot be decoded throws here, before anything is applied: the caller closes that socket as malformed.
  const decoded = Y.decodeUpdate(update) as { structs: Struct[] }
  const own = indexByClient(decoded.structs)
  // Serialising every record to measure it costs as much as validating it; a small update cannot hold one over the limit.
  const measureRecords = maxJsonBytesOf(update) > limits.maxRecordBytes
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    // Content deleted before it was ever sent has nothing left to check.
    if (struct.content instanceof Y.ContentDeleted) continue
    const place = locate(doc, own, struct)
    if ('nested' in place) return refuse('nested types are not part of a board')
    if (place.root === null) return refuse('the update builds on content the board does not have', 'gapped')
    const verdict =
      place.root === RECORDS_ARRAY_NAME
        ? checkRecordsItem(struct, place.key, measureRecords ? limits.maxRecordBytes : null)
        : place.root === META_MAP_NAME
          ? checkMetaItem(struct, place.key)
          : refuse(`"${place.root}" is not part of a board`)
    if (!verdict.ok) return verdict
  }
  return { ok: true }
}

/** `maxRecordBytes` is null when the update is too small to hold a record over the limit. */
function checkRecordsItem(item: Y.Item, key: string | null, maxRecordBytes: number | null): ContentVerdict {
  if (key !== null || !(item.content instanceof Y.ContentAny)) return refuse('the records array holds only record entries')
  for (const entry of item.content.arr) {
    const verdict = checkEntry(entry, maxRecordBytes)
    if (!verdict.ok) return verdict
  }
  return { ok: true }
}

function checkEntry(entry: unknown, maxRecordBytes: number | null): ContentVerdict {
  if (typeof entry !== 'object' || entry === null) return refuse('a records entry is not an object')
  const { key, val } = entry as { key?: unknown; val?: unknown }
  if (typeof key !== 'string' || typeof val !== 'object' || val === null) return refuse('a records entry needs a key and a record')
  if ((val as { id?: unknown }).id !== key) return refuse(`record ${key} is stored under another id`)
  if (maxRecordBytes !== null) {
    const bytes = jsonBytes(val)
    if (bytes > maxRecordBytes) return refuse(`record ${key} has ${bytes} bytes, more than ${maxRecordBytes}`, 'record-too-big')
  }
  const typeName = (val as { typeName?: unknown }).typeName
  const type = typeof typeName === 'string' ? RECORD_TYPES[typeName] : undefined
  if (!type || type.scope !== 'document') return refuse(`record ${key} is not a board record`)
  try {
    type.validate(val)
  } catch (error) {
    return refuse(`record ${key} is invalid: ${error instanceof Error ? error.message : String(error)}`)
  }
  return { ok: true }
}

function checkMetaItem(item: Y.Item, key: string | null): ContentVerdict {
  if (key !== SCHEMA_META_KEY || !(item.content instanceof Y.ContentAny)) return refuse('meta holds only the schema')
  if (jsonBytes(item.content.arr) > MAX_META_BYTES) return refuse('the stored schema is too big')
  return { ok: true }
}

/** The structs of one update by client, in clock order, to find what its items are inserted next to. */
function indexByClient(structs: Struct[]): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client)
    if (list) list.push(struct)
    else byClient.set(struct.id.client, [struct])
  }
  return byClient
}

function findIn(structs: readonly Struct[] | undefined, clock: number): Struct | null {
  if (!structs) return null
  let low = 0
  let high = structs.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const struct = structs[mid]!
    if (clock < struct.id.clock) high = mid - 1
    else if (clock >= struct.id.clock + struct.length) low = mid + 1
    else return struct
  }
  return null
}

/**
 * The root type an item of the update lands in. An item names its parent
 * only when it has no neighbour; otherwise the parent is its neighbour's,
 * found in the same update or in the document.
 */
function locate(doc: Y.Doc, own: Map<number, Struct[]>, item: Y.Item): Located {
  let current: Y.Item = item
  for (let hops = 0; hops < 10_000; hops++) {
    const parent = current.parent as Y.AbstractType<unknown> | Y.ID | string | null
    const key = current.parentSub
    if (typeof parent === 'string') return { root: parent, key }
    if (parent instanceof Y.AbstractType) return parent._item ? { nested: true } : { root: rootName(doc, parent), key }
    if (parent !== null) return { nested: true }
    const neighbour = current.origin ?? current.rightOrigin
    if (!neighbour) return { root: null, key: null }
    const inUpdate = findIn(own.get(neighbour.client), neighbour.clock)
    const found = inUpdate ?? findIn(doc.store.clients.get(neighbour.client) as Struct[] | undefined, neighbour.clock)
    if (!(found instanceof Y.Item)) return { root: null, key: null }
    current = found
  }
  return { root: null, key: null }
}

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  for (const [name, shared] of doc.share) if (shared === type) return name
  return null
}
