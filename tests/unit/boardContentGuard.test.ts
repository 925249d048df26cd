import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openMeta, SCHEMA_META_KEY } from '../../shared/boardDocument.ts'
import { checkBoardUpdate } from '../../server/sync/BoardContentGuard.ts'
import { TLDRAW_SCHEMA } from '../../server/boards/tldrawRecords.ts'
import { NoteMap } from '../support/noteMap.ts'

const LIMITS = { maxRecordBytes: 64 * 1024 }

/** The server's copy of a board and a client's copy, in sync; `edit` runs on the client's, and the result is checked against the server's. */
function checkEdit(setup: (doc: Y.Doc) => void, edit: (doc: Y.Doc) => void) {
  const server = new Y.Doc()
  setup(server)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const before = Y.encodeStateVector(client)
  edit(client)
  return checkBoardUpdate(server, Y.encodeStateAsUpdate(client, before), LIMITS)
}

describe('what a client may write into a board', () => {
  it('accepts notes added, changed and deleted the way the board client writes them', () => {
    const seeded = (doc: Y.Doc) => new NoteMap(doc).set('first', 'Idee')
    expect(checkEdit(seeded, (doc) => new NoteMap(doc).set('second', 'Noch eine'))).toEqual({ ok: true })
    expect(checkEdit(seeded, (doc) => new NoteMap(doc).set('first', 'Geändert'))).toEqual({ ok: true })
    expect(checkEdit(seeded, (doc) => new NoteMap(doc).delete('first'))).toEqual({ ok: true })
  })

  it('accepts the schema written again under meta, an overwrite that names no key of its own', () => {
    const schema = TLDRAW_SCHEMA.serialize()
    expect(checkEdit((doc) => openMeta(doc).set(SCHEMA_META_KEY, schema), (doc) => openMeta(doc).set(SCHEMA_META_KEY, { ...schema }))).toEqual({ ok: true })
  })

  it('refuses other keys under meta, other root types, nested types and invalid records', () => {
    const nothing = () => undefined
    expect(checkEdit(nothing, (doc) => openMeta(doc).set('other', 1))).toMatchObject({ ok: false, kind: 'invalid' })
    expect(checkEdit(nothing, (doc) => doc.getText('notes').insert(0, 'x'))).toMatchObject({ ok: false, kind: 'invalid' })
    expect(checkEdit(nothing, (doc) => doc.getArray('tl_records').push([new Y.Array()]))).toMatchObject({ ok: false, kind: 'invalid' })
    expect(checkEdit(nothing, (doc) => doc.getArray('tl_records').push([{ key: 'shape:x', val: { id: 'shape:x', typeName: 'shape', type: 'note' } }]))).toMatchObject({
      ok: false,
      kind: 'invalid',
    })
  })

  it('says an update is gapped when it builds on content the board does not have', () => {
    const client = new Y.Doc()
    const notes = new NoteMap(client)
    notes.set('first', 'Idee')
    const base = Y.encodeStateVector(client)
    notes.set('second', 'Noch eine')
    expect(checkBoardUpdate(new Y.Doc(), Y.encodeStateAsUpdate(client, base), LIMITS)).toMatchObject({ ok: false, kind: 'gapped' })
  })

  it('refuses a record over the size limit as too big', () => {
    expect(checkEdit(() => undefined, (doc) => new NoteMap(doc).set('huge', 'x'.repeat(70 * 1024)))).toMatchObject({ ok: false, kind: 'record-too-big' })
  })

  it('refuses a record over the size limit as too big when its update is small, a binary value growing tenfold as JSON', () => {
    const client = new Y.Doc()
    const base = Y.encodeStateVector(client)
    const blob = new Uint8Array(8_000).fill(255)
    client.getArray('tl_records').push([{ key: 'shape:blob', val: { id: 'shape:blob', typeName: 'shape', meta: { blob } } }])
    const update = Y.encodeStateAsUpdate(client, base)
    expect(update.byteLength).toBeLessThan(LIMITS.maxRecordBytes / 8)
    expect(checkBoardUpdate(new Y.Doc(), update, LIMITS)).toMatchObject({ ok: false, kind: 'record-too-big' })
  })
})
