import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  PageRecordType,
  TLDOCUMENT_ID,
  toRichText,
  type TLGeoShape,
  type TLPageId,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { META_MAP_NAME, openRecords, RECORDS_ARRAY_NAME, SCHEMA_META_KEY } from '../../client/src/collab/boardDocument.ts'
import { YjsStoreBinding } from '../../client/src/collab/YjsStoreBinding.ts'

const PAGE_ID = 'page:page' as TLPageId

function makeStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

function page(): TLRecord {
  return PageRecordType.create({ id: PAGE_ID, name: 'Seite 1', index: 'a1' as never })
}

function rectangle(id: string, x = 0, y = 0): TLGeoShape {
  return {
    id: createShapeId(id),
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index: 'a1' as never,
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 100,
      h: 80,
      geo: 'rectangle',
      dash: 'draw',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      color: 'black',
      labelColor: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: toRichText(''),
    },
  }
}

interface Peer {
  doc: Y.Doc
  store: TLStore
  binding: YjsStoreBinding
}

const peers: Peer[] = []

function bindPeer(doc = new Y.Doc()): Peer {
  const store = makeStore()
  const peer = { doc, store, binding: new YjsStoreBinding(store, doc) }
  peers.push(peer)
  return peer
}

/** Connects two docs the way a server would: every update of one is applied to the other. */
function link(a: Y.Doc, b: Y.Doc): void {
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== b) Y.applyUpdate(b, update, a)
  })
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== a) Y.applyUpdate(a, update, b)
  })
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'network')
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'network')
}

function documentRecords(store: TLStore): TLRecord[] {
  return store
    .allRecords()
    .filter((record) => ['document', 'page', 'shape', 'asset', 'binding'].includes(record.typeName))
    .sort((x, y) => x.id.localeCompare(y.id))
}

/** Writes as a foreign client would: straight into the Y.Doc, bypassing any binding. */
function writeForeign(doc: Y.Doc, key: string, value: unknown): void {
  const foreign = new Y.Doc()
  Y.applyUpdate(foreign, Y.encodeStateAsUpdate(doc))
  openRecords(foreign).set(key, value)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(foreign, Y.encodeStateVector(doc)), 'network')
}

afterEach(() => {
  for (const peer of peers.splice(0)) {
    peer.binding.destroy()
    peer.doc.destroy()
  }
  vi.restoreAllMocks()
})

describe('tldraw store ⇄ Y.Doc binding', () => {
  it("the user's own edits are written to the Y.Doc, keyed by record id", () => {
    const { doc, store } = bindPeer()
    store.put([page(), rectangle('a', 10, 20)])
    const records = openRecords(doc)
    expect(records.get('page:page')).toMatchObject({ name: 'Seite 1' })
    expect(records.get('shape:a')).toMatchObject({ x: 10, y: 20 })

    store.update(createShapeId('a'), (shape) => ({ ...shape, x: 99 }))
    expect(records.get('shape:a')).toMatchObject({ x: 99 })
  })

  it('one store change becomes one Yjs transaction', () => {
    const { doc, store } = bindPeer()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    store.put([page(), rectangle('a'), rectangle('b'), rectangle('c')])
    expect(updates).toHaveLength(1)
    expect(openRecords(doc).map.size).toBe(4)
  })

  it('session-only records (camera, pointer, instance) never reach the Y.Doc', () => {
    const { doc, store } = bindPeer()
    store.put([page(), { ...store.schema.types.camera.create({ id: 'camera:page:page' as never }) }])
    expect([...openRecords(doc).map.keys()]).toEqual(['page:page'])
  })

  it('remote edits enter the store as remote changes, so they are not on the undo stack', () => {
    const doc = new Y.Doc()
    const { store } = bindPeer(doc)
    const sources: string[] = []
    store.listen((entry) => {
      if (entry.changes.added['shape:r' as never] || entry.changes.updated['shape:r' as never]) sources.push(entry.source)
    })
    writeForeign(doc, 'page:page', page())
    writeForeign(doc, 'shape:r', rectangle('r', 5, 6))
    writeForeign(doc, 'shape:r', rectangle('r', 7, 8))
    expect(store.get(createShapeId('r'))).toMatchObject({ x: 7, y: 8 })
    expect(sources).toEqual(['remote', 'remote'])
  })

  it('a board already in the Y.Doc is loaded into the store when binding', () => {
    const doc = new Y.Doc()
    writeForeign(doc, 'page:page', page())
    writeForeign(doc, 'shape:r', rectangle('r'))
    const { store } = bindPeer(doc)
    expect(store.has(createShapeId('r'))).toBe(true)
  })

  it('deletes travel both ways', () => {
    const a = bindPeer()
    const b = bindPeer()
    exchange(a.doc, b.doc)
    link(a.doc, b.doc)
    a.store.put([page(), rectangle('x'), rectangle('y')])
    expect(b.store.has(createShapeId('x'))).toBe(true)

    a.store.remove([createShapeId('x')])
    expect(b.store.has(createShapeId('x'))).toBe(false)
    b.store.remove([createShapeId('y')])
    expect(a.store.has(createShapeId('y'))).toBe(false)
  })

  it('concurrent edits on two offline docs converge to the same store once they meet', () => {
    const a = bindPeer()
    const b = bindPeer()
    a.store.put([page(), rectangle('shared', 0, 0)])
    exchange(a.doc, b.doc)

    a.store.update(createShapeId('shared'), (shape) => ({ ...shape, x: 111 }))
    b.store.update(createShapeId('shared'), (shape) => ({ ...shape, x: 222 }))
    a.store.put([rectangle('only-a', 1, 1)])
    b.store.put([rectangle('only-b', 2, 2)])
    b.store.remove([createShapeId('only-b')])
    b.store.put([rectangle('only-b2', 3, 3)])
    exchange(a.doc, b.doc)

    expect(documentRecords(a.store)).toEqual(documentRecords(b.store))
    expect(a.store.has(createShapeId('only-a'))).toBe(true)
    expect(a.store.has(createShapeId('only-b2'))).toBe(true)
    expect(a.store.has(createShapeId('only-b'))).toBe(false)
    expect([111, 222]).toContain(a.store.get(createShapeId('shared'))?.x)
  })

  it('invalid records from the network are skipped and counted; valid ones around them still arrive', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const doc = new Y.Doc()
    const { store, binding } = bindPeer(doc)
    writeForeign(doc, 'page:page', page())
    writeForeign(doc, 'shape:bad-props', { ...rectangle('bad-props'), props: { w: 'wide' } })
    writeForeign(doc, 'shape:not-object', 'garbage')
    writeForeign(doc, 'shape:wrong-id', rectangle('other'))
    writeForeign(doc, 'instance:instance', { id: 'instance:instance', typeName: 'instance' })
    writeForeign(doc, 'martian:1', { id: 'martian:1', typeName: 'martian' })
    writeForeign(doc, 'shape:good', rectangle('good'))
    expect(binding.invalidRecordCount).toBe(5)
    expect(warn).toHaveBeenCalledTimes(5)
    expect(store.has(createShapeId('good'))).toBe(true)
    expect(store.has(createShapeId('bad-props'))).toBe(false)

    // A valid record turned invalid keeps its last valid state.
    writeForeign(doc, 'shape:good', { ...rectangle('good'), x: 'left' })
    expect(store.get(createShapeId('good'))?.x).toBe(0)
    expect(binding.invalidRecordCount).toBe(6)
  })

  it('invalid records already stored in the board are skipped when loading it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const doc = new Y.Doc()
    writeForeign(doc, 'page:page', page())
    writeForeign(doc, 'shape:bad', { ...rectangle('bad'), parentId: 42 })
    const { store, binding } = bindPeer(doc)
    expect(store.has('page:page' as TLPageId)).toBe(true)
    expect(binding.invalidRecordCount).toBe(1)
  })

  it('the schema the board is written with is kept in the meta map', () => {
    const { doc, store } = bindPeer()
    expect(doc.getMap(META_MAP_NAME).get(SCHEMA_META_KEY)).toEqual(store.schema.serialize())
  })

  it('a board written by an older schema is migrated on load, and the migration is written back', () => {
    const doc = new Y.Doc()
    const current = makeStore().schema.serialize()
    const older = { ...current, sequences: { ...current.sequences, 'com.tldraw.document': 1 } }
    doc.getMap(META_MAP_NAME).set(SCHEMA_META_KEY, older)
    writeForeign(doc, 'document:document', { id: 'document:document', typeName: 'document', gridSize: 10, name: 'Alt' })

    const { store, binding } = bindPeer(doc)
    expect(binding.access.mode).toBe('readwrite')
    expect(store.get(TLDOCUMENT_ID)).toMatchObject({ name: 'Alt', meta: {} })
    expect(openRecords(doc).get('document:document')).toMatchObject({ meta: {} })
    expect(doc.getMap(META_MAP_NAME).get(SCHEMA_META_KEY)).toEqual(current)
  })

  it('a board written by a newer schema opens read-only and is never written to', () => {
    const doc = new Y.Doc()
    const current = makeStore().schema.serialize()
    doc.getMap(META_MAP_NAME).set(SCHEMA_META_KEY, { ...current, sequences: { ...current.sequences, 'com.tldraw.shape': 999 } })
    writeForeign(doc, 'page:page', page())
    const before = Y.encodeStateVector(doc)

    const { store, binding } = bindPeer(doc)
    expect(binding.access).toMatchObject({ mode: 'readonly', reason: 'newer-schema' })
    expect(store.has(PAGE_ID)).toBe(true)
    store.put([rectangle('local')])
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('a board holding malformed array entries (null, numbers) still opens, and the entries are removed', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const doc = new Y.Doc()
    writeForeign(doc, 'page:page', page())
    doc.getArray(RECORDS_ARRAY_NAME).push([null, 7, { key: 12 }])
    const { store } = bindPeer(doc)
    expect(store.has(PAGE_ID)).toBe(true)
    expect(doc.getArray(RECORDS_ARRAY_NAME).toArray()).not.toContainEqual(null)
    expect(doc.getArray(RECORDS_ARRAY_NAME).toArray()).not.toContainEqual(7)
  })

  it('after a peer pushes a null entry live, the board is cleaned and keeps syncing', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const doc = new Y.Doc()
    const { store } = bindPeer(doc)
    writeForeign(doc, 'page:page', page())
    const hostile = new Y.Doc()
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(doc))
    hostile.getArray(RECORDS_ARRAY_NAME).push([null])
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(doc)), 'network')
    await Promise.resolve()
    expect(doc.getArray(RECORDS_ARRAY_NAME).toArray()).not.toContain(null)

    writeForeign(doc, 'shape:after', rectangle('after'))
    expect(store.has(createShapeId('after'))).toBe(true)
  })

  it('records tldraw adds to make a loaded board usable (document, first page) reach the Y.Doc', () => {
    const doc = new Y.Doc()
    writeForeign(doc, 'shape:orphan', rectangle('orphan'))
    const { store } = bindPeer(doc)
    expect(store.has(PAGE_ID)).toBe(true)
    expect(openRecords(doc).get('page:page')).toMatchObject({ typeName: 'page' })
    expect(openRecords(doc).get('document:document')).toMatchObject({ typeName: 'document' })
  })

  it('a board of 2,000 shapes from the server enters the store in one remote change, every record of it, on load and live', () => {
    const server = new Y.Doc()
    const shapes = Array.from({ length: 2_000 }, (_, n) => rectangle(`big-${n}`, (n % 50) * 100, Math.floor(n / 50) * 70))
    openRecords(server).set('page:page', page())
    server.transact(() => {
      for (const shape of shapes) openRecords(server).set(shape.id, shape)
    })
    const snapshot = Y.encodeStateAsUpdate(server)

    const changesOf = (store: TLStore) => {
      const changes: number[] = []
      store.listen((entry) => changes.push(Object.keys(entry.changes.added).length), { source: 'remote' })
      return changes
    }
    // Opened from this device's copy: the binding loads what the Y.Doc holds.
    const stored = new Y.Doc()
    Y.applyUpdate(stored, snapshot)
    const loadedStore = makeStore()
    const loadChanges = changesOf(loadedStore)
    peers.push({ doc: stored, store: loadedStore, binding: new YjsStoreBinding(loadedStore, stored) })
    // Bound first, then the server's first sync arrives as one update.
    const live = bindPeer()
    const liveChanges = changesOf(live.store)
    Y.applyUpdate(live.doc, snapshot, 'network')

    // One change holding the page and the 2,000 shapes: tldraw's reactions (culling, bounds, React) run once, not per record.
    expect(loadChanges).toEqual([2_001])
    expect(liveChanges).toEqual([2_001])
    for (const store of [loadedStore, live.store]) {
      expect(store.query.ids('shape').get().size).toBe(2_000)
      expect(shapes.every((shape) => JSON.stringify(store.get(shape.id)) === JSON.stringify(shape))).toBe(true)
    }
  })
})
