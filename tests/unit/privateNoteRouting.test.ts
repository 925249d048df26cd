import { createShapeId, createTLStore, defaultBindingUtils, defaultShapeUtils, PageRecordType, type TLNoteShape, type TLPageId, type TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import { PrivateNoteRouting } from '../../client/src/collab/PrivateNoteRouting.ts'
import { YjsStoreBinding } from '../../client/src/collab/YjsStoreBinding.ts'
import { note } from '../support/shapeRecords.ts'

const PAGE_ID = 'page:page' as TLPageId

function noteShape(id: string, text: string): TLNoteShape {
  // The support helper builds plain records as the server reads them; this one is a valid tldraw note.
  return note(createShapeId(id), PAGE_ID, text, 'kreative', 1) as unknown as TLNoteShape
}

function setUp() {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  const boardDoc = new Y.Doc()
  const privateDoc = new Y.Doc()
  const routing = new PrivateNoteRouting()
  const board = new YjsStoreBinding(store, boardDoc, routing.boardSide)
  routing.attachBoard(board)
  const privateNotes = new YjsStoreBinding(store, privateDoc, routing.privateSide)
  routing.attachPrivateNotes(privateNotes)
  store.put([PageRecordType.create({ id: PAGE_ID, name: 'Seite 1', index: 'a1' as never }) as TLRecord])
  return { store, boardDoc, privateDoc, routing }
}

describe('private note routing', () => {
  it('while a silent round collects, a new note goes to the private notes only, and edits to it follow', () => {
    const { store, boardDoc, privateDoc, routing } = setUp()
    routing.collecting = true
    const note = noteShape('idee', 'Geheim')
    store.put([note])
    store.update(note.id, (shape) => ({ ...shape, x: 300 }))
    expect(readBoardRecords(boardDoc).has(note.id)).toBe(false)
    expect(readBoardRecords(privateDoc).get(note.id)).toMatchObject({ x: 300 })
    expect(readBoardRecords(boardDoc).has(PAGE_ID)).toBe(true)
    routing.collecting = false
    store.update(note.id, (shape) => ({ ...shape, x: 310 }))
    expect(readBoardRecords(privateDoc).get(note.id)).toMatchObject({ x: 310 })
  })

  it('a revealed note is in the store once both documents have told, and is edited on the board from then on', () => {
    const { store, boardDoc, privateDoc, routing } = setUp()
    routing.collecting = true
    const note = noteShape('idee', 'Geheim')
    store.put([note])
    const revealed = readBoardRecords(privateDoc).get(note.id) as { id: string }
    // The server's two changes, private delete first.
    const remote = Symbol('server')
    privateDoc.transact(() => writeBoardRecords(privateDoc, { delete: [note.id] }), remote)
    boardDoc.transact(() => writeBoardRecords(boardDoc, { set: [revealed] }), remote)
    expect(store.get(note.id)).toBeDefined()
    store.update(note.id, (shape) => ({ ...shape, y: 500 }))
    expect(readBoardRecords(boardDoc).get(note.id)).toMatchObject({ y: 500 })
    expect(readBoardRecords(privateDoc).has(note.id)).toBe(false)
  })
})
