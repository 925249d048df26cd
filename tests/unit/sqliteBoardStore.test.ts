import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openSqliteDatabase } from '../../server/storage/openSqliteDatabase.ts'
import { SqliteBoardStore } from '../../server/storage/SqliteBoardStore.ts'

const openDbs: Database.Database[] = []

function tempDatabase(): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ideenschmiede-store-'))
  const db = openSqliteDatabase(path.join(dir, 'db.sqlite'))
  openDbs.push(db)
  return db
}

afterEach(() => {
  for (const db of openDbs.splice(0)) db.close()
})

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('board').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

function loaded(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Record<string, unknown> {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc.getMap('board').toJSON()
}

describe('SqliteBoardStore', () => {
  it('keeps each board in order across appends, snapshots and a reopened file', async () => {
    const db = tempDatabase()
    const store = new SqliteBoardStore(db)
    const [a1, b1] = await store.appendBatches([
      { boardId: 'a', updates: [updateSetting('title', 'Werkstatt')] },
      { boardId: 'b', updates: [updateSetting('title', 'Tourismus'), updateSetting('ort', 'Cottbus')] },
    ])
    expect([a1, b1]).toEqual([1, 2])
    await store.storeSnapshot('b', Y.encodeStateAsUpdate(new Y.Doc()), 2)
    // Compaction dropped b's log; its next update still comes after the snapshot.
    const [b3] = await store.appendBatches([{ boardId: 'b', updates: [updateSetting('ort', 'Görlitz')] }])
    expect(b3).toBe(3)

    const reopened = new SqliteBoardStore(db)
    const b = await reopened.loadBoard('b')
    expect(b.lastSeq).toBe(3)
    expect(loaded(b)).toEqual({ ort: 'Görlitz' })
    const [b4] = await reopened.appendBatches([{ boardId: 'b', updates: [updateSetting('x', 'y')] }])
    expect(b4).toBe(4)
    expect(loaded(await reopened.loadBoard('a'))).toEqual({ title: 'Werkstatt' })
  })

  it('migrates a data directory from the global update sequence without losing an update', async () => {
    const db = tempDatabase()
    db.exec(`
      CREATE TABLE board_snapshots (board_id TEXT PRIMARY KEY, data BLOB NOT NULL, upto_seq INTEGER NOT NULL);
      CREATE TABLE board_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX board_updates_by_board ON board_updates (board_id, seq);
    `)
    const insert = db.prepare('INSERT INTO board_updates (board_id, data) VALUES (?, ?)')
    const snapshot = new Y.Doc()
    snapshot.getMap('board').set('title', 'Ideenschmiede')
    insert.run('a', Buffer.from(Y.encodeStateAsUpdate(snapshot)))
    db.prepare('INSERT INTO board_snapshots (board_id, data, upto_seq) VALUES (?, ?, ?)').run('a', Buffer.from(Y.encodeStateAsUpdate(snapshot)), 1)
    db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?').run('a', 1)
    insert.run('b', Buffer.from(updateSetting('title', 'Pitch')))
    const later = new Y.Doc()
    Y.applyUpdate(later, Y.encodeStateAsUpdate(snapshot))
    later.getMap('board').set('idee', 'Materialbörse')
    insert.run('a', Buffer.from(Y.encodeStateAsUpdate(later, Y.encodeStateVector(snapshot))))

    const store = new SqliteBoardStore(db)
    const a = await store.loadBoard('a')
    expect(loaded(a)).toEqual({ title: 'Ideenschmiede', idee: 'Materialbörse' })
    expect(a.lastSeq).toBe(3)
    expect(loaded(await store.loadBoard('b'))).toEqual({ title: 'Pitch' })
    const [next] = await store.appendBatches([{ boardId: 'a', updates: [updateSetting('x', 'y')] }])
    expect(next).toBe(4)
    expectCurrentLayout(db)
  })

  it('migrates a data directory whose log was one WITHOUT ROWID table', async () => {
    const db = tempDatabase()
    db.exec(`
      CREATE TABLE board_snapshots (board_id TEXT PRIMARY KEY, data BLOB NOT NULL, upto_seq INTEGER NOT NULL);
      CREATE TABLE board_updates (board_id TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
    `)
    const insert = db.prepare('INSERT INTO board_updates (board_id, seq, data) VALUES (?, ?, ?)')
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    doc.getMap('board').set('title', 'Kreative Lausitz')
    doc.getMap('board').set('ort', 'Cottbus')
    updates.forEach((update, index) => insert.run('a', index + 1, Buffer.from(update)))
    insert.run('b', 1, Buffer.from(updateSetting('title', 'Speed-Dating')))

    const store = new SqliteBoardStore(db)
    const a = await store.loadBoard('a')
    expect(loaded(a)).toEqual({ title: 'Kreative Lausitz', ort: 'Cottbus' })
    expect(a.lastSeq).toBe(2)
    expect(loaded(await store.loadBoard('b'))).toEqual({ title: 'Speed-Dating' })
    const [next] = await store.appendBatches([{ boardId: 'a', updates: [updateSetting('x', 'y')] }])
    expect(next).toBe(3)
    expectCurrentLayout(db)
  })
})

function expectCurrentLayout(db: Database.Database): void {
  const table = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'board_updates'").get()
  expect(table?.sql).toMatch(/id INTEGER PRIMARY KEY/)
  expect(table?.sql).not.toMatch(/AUTOINCREMENT|WITHOUT ROWID/)
  const index = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'board_updates_by_board'").get()
  expect(index?.sql).toMatch(/UNIQUE INDEX/)
}
