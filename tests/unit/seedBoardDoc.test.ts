import { createTLSchema } from '@tldraw/tlschema'
import { createTLStore, defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as clientFormat from '../../client/src/collab/boardDocument.ts'
import { YjsStoreBinding } from '../../client/src/collab/YjsStoreBinding.ts'
import { META_MAP_NAME, RECORDS_ARRAY_NAME, SCHEMA_META_KEY } from '../../shared/boardDocument.ts'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { buildTemplateRecords, createBoardSeedUpdate, seedBoardDoc } from '../../shared/templates/index.ts'

const schema = createTLSchema().serialize()
const records = buildTemplateRecords('cross-innovation-canvas', { language: 'de' })

function seededDoc(): Y.Doc {
  const doc = new Y.Doc()
  seedBoardDoc(doc, records, schema)
  return doc
}

describe('seeding a board document', () => {
  it('uses the names the board client reads', () => {
    expect([RECORDS_ARRAY_NAME, META_MAP_NAME, SCHEMA_META_KEY]).toEqual([
      clientFormat.RECORDS_ARRAY_NAME,
      clientFormat.META_MAP_NAME,
      clientFormat.SCHEMA_META_KEY,
    ])
  })

  it('stores exactly the records and the schema, read back through the client’s own YKeyValue', () => {
    const doc = seededDoc()
    const stored = clientFormat.openRecords(doc)
    expect(doc.getArray(RECORDS_ARRAY_NAME).length).toBe(records.length)
    expect(new Map([...stored.map].map(([key, entry]) => [key, entry.val]))).toEqual(new Map(records.map((record) => [record.id, record])))
    expect(clientFormat.openMeta(doc).get(SCHEMA_META_KEY)).toEqual(schema)
  })

  it('writes everything in one transaction, so a peer never sees half a template', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    seedBoardDoc(doc, records, schema)
    expect(updates).toHaveLength(1)
  })

  it('refuses to seed a document twice, leaving its content as it was', () => {
    const doc = seededDoc()
    const before = Y.encodeStateAsUpdate(doc)
    expect(() => seedBoardDoc(doc, records, schema)).toThrow(/already has content/)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(readBoardRecords(doc).size).toBe(records.length)
    expect(doc.getArray(RECORDS_ARRAY_NAME).length).toBe(records.length)
  })

  it('gives the server one update to store at creation, which loads into exactly the records however often it is applied', () => {
    const update = createBoardSeedUpdate('pitch', { language: 'en', pitchers: [{ name: 'Anna', offer: 'Film', seek: 'Logistik' }] })
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, update)
    // Loading from storage applies what is stored; it must not add anything on its own.
    Y.applyUpdate(loaded, update)
    const expected = buildTemplateRecords('pitch', { language: 'en', pitchers: [{ name: 'Anna', offer: 'Film', seek: 'Logistik' }] })
    expect(loaded.getArray(RECORDS_ARRAY_NAME).length).toBe(expected.length)
    expect(readBoardRecords(loaded)).toEqual(new Map(expected.map((record) => [record.id, record])))
    expect(loaded.getMap(META_MAP_NAME).get(SCHEMA_META_KEY)).toEqual(schema)
  })

  it('opens in the board client with every record valid and the board writable', () => {
    const doc = seededDoc()
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
    const binding = new YjsStoreBinding(store, doc)
    try {
      expect(binding.access).toEqual({ mode: 'readwrite' })
      expect(binding.invalidRecordCount).toBe(0)
      for (const record of records) expect(store.get(record.id)).toEqual(record)
      expect(doc.getArray(RECORDS_ARRAY_NAME).length).toBe(records.length)
    } finally {
      binding.destroy()
    }
  })

  it('reads a document without changing it, the last entry of a key winning as in YKeyValue', () => {
    const doc = new Y.Doc()
    const array = doc.getArray<unknown>(RECORDS_ARRAY_NAME)
    array.push([{ key: 'shape:a', val: { v: 1 } }, null, { key: 'shape:b', val: { v: 2 } }, 'junk', { key: 'shape:a', val: { v: 3 } }])
    const before = Y.encodeStateAsUpdate(doc)
    expect(readBoardRecords(doc)).toEqual(new Map<string, unknown>([['shape:a', { v: 3 }], ['shape:b', { v: 2 }]]))
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })
})
