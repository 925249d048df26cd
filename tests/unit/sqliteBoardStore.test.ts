import fs from 'node:fs'
import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/logger.ts'
import { UpdateJournal } from '../../server/storage/UpdateJournal.ts'
import { closeTempStorage, openBoardStore, tempStorage, type TempStorage } from '../support/tempBoardStore.ts'
import { until } from '../support/until.ts'

afterEach(closeTempStorage)

/** Holds journalled updates far longer than any test runs, so only reads, snapshots and close move them. */
const NEVER = 3_600_000

function loggedRows(db: Database.Database, boardId: string): number[] {
  return db
    .prepare<[string], number>('SELECT seq FROM board_updates WHERE board_id = ? ORDER BY seq')
    .pluck()
    .all(boardId)
}

/** The sequence numbers a restart would find in the journal. */
function journalledSeqs(file: string): number[] {
  const { journal, records } = UpdateJournal.open(file)
  journal.close()
  return records.map((record) => record.seq)
}

function capturedLog(): { logger: ReturnType<typeof createLogger>; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = []
  const logger = createLogger('info', { write: (chunk: string) => chunks.push(chunk) })
  return { logger, lines: () => chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>) }
}

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
    const storage = tempStorage()
    const store = openBoardStore(storage)
    const [a1, b1] = await store.appendBatches([
      { boardId: 'a', updates: [updateSetting('title', 'Werkstatt')] },
      { boardId: 'b', updates: [updateSetting('title', 'Tourismus'), updateSetting('ort', 'Cottbus')] },
    ])
    expect([a1, b1]).toEqual([1, 2])
    await store.storeSnapshot('b', Y.encodeStateAsUpdate(new Y.Doc()), 2)
    // Compaction dropped b's log; its next update still comes after the snapshot.
    const [b3] = await store.appendBatches([{ boardId: 'b', updates: [updateSetting('ort', 'Görlitz')] }])
    expect(b3).toBe(3)

    store.close()
    const reopened = openBoardStore(storage)
    const b = await reopened.loadBoard('b')
    expect(b.lastSeq).toBe(3)
    expect(loaded(b)).toEqual({ ort: 'Görlitz' })
    const [b4] = await reopened.appendBatches([{ boardId: 'b', updates: [updateSetting('x', 'y')] }])
    expect(b4).toBe(4)
    expect(loaded(await reopened.loadBoard('a'))).toEqual({ title: 'Werkstatt' })
  })

  it('moves journalled updates into the database after the flush delay and empties the journal', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: 50 })
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('title', 'Werkstatt'), updateSetting('ort', 'Weißwasser')] }])
    expect(loggedRows(storage.db, 'a')).toEqual([])
    expect(journalledSeqs(storage.journalFile)).toEqual([1, 2])
    // Waits for the timer instead of sleeping a fixed time, which a busy CI machine can outlast.
    await until(() => loggedRows(storage.db, 'a').length > 0, 'the journalled updates in the database')
    expect(loggedRows(storage.db, 'a')).toEqual([1, 2])
    expect(journalledSeqs(storage.journalFile)).toEqual([])
  })

  it('a read sees journalled updates at once', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: NEVER })
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('title', 'Werkstatt')] }])
    const a = await store.loadBoard('a')
    expect(loaded(a)).toEqual({ title: 'Werkstatt' })
    expect(a.lastSeq).toBe(1)
  })

  it('after a crash, updates only in the journal are moved into the database on open', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: NEVER })
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('title', 'Werkstatt'), updateSetting('ort', 'Cottbus')] }])
    // The process dies here: the journal file is all that is left of the two updates.
    const crashed = tempStorage()
    fs.copyFileSync(storage.journalFile, crashed.journalFile)

    const { logger, lines } = capturedLog()
    const restarted = openBoardStore(crashed, { logger })
    expect(loggedRows(crashed.db, 'a')).toEqual([1, 2])
    expect(journalledSeqs(crashed.journalFile)).toEqual([])
    expect(loaded(await restarted.loadBoard('a'))).toEqual({ title: 'Werkstatt', ort: 'Cottbus' })
    expect(lines().some((line) => line.updates === 2)).toBe(true)
    const [next] = await restarted.appendBatches([{ boardId: 'a', updates: [updateSetting('x', 'y')] }])
    expect(next).toBe(3)
  })

  it('a board deleted while its updates waited in the journal is not replayed after a crash', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: NEVER })
    await store.appendBatches([{ boardId: 'weg', updates: [updateSetting('notiz', 'Geheimnis')] }, { boardId: 'bleibt', updates: [updateSetting('notiz', 'Bleibt')] }])
    await store.deleteBoard('weg')
    await store.appendBatches([{ boardId: 'bleibt', updates: [updateSetting('ort', 'Görlitz')] }])
    expect(fs.readFileSync(storage.journalFile).includes('weg')).toBe(false)
    // The process dies here, with the journal as it is.
    const crashed = tempStorage()
    fs.copyFileSync(storage.journalFile, crashed.journalFile)
    const restarted = openBoardStore(crashed)
    expect(await restarted.loadBoard('weg')).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
    expect(loaded(await restarted.loadBoard('bleibt'))).toEqual({ ort: 'Görlitz' })
  })

  it('replaying a journal twice stores each update once and skips what a snapshot already holds', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: NEVER })
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('title', 'Werkstatt'), updateSetting('ort', 'Cottbus')] }])
    await store.appendBatches([{ boardId: 'b', updates: [updateSetting('title', 'Pitch')] }])
    const journalAtCrash = `${storage.journalFile}.at-crash`
    fs.copyFileSync(storage.journalFile, journalAtCrash)
    // The crash came after the updates reached the database and a's log was compacted, but before the journal was emptied.
    const compacted = new Y.Doc()
    compacted.getMap('board').set('title', 'Werkstatt')
    await store.storeSnapshot('a', Y.encodeStateAsUpdate(compacted), 2)
    store.close()
    fs.copyFileSync(journalAtCrash, storage.journalFile)

    const restarted = openBoardStore(storage)
    expect(loggedRows(storage.db, 'a')).toEqual([])
    expect(loggedRows(storage.db, 'b')).toEqual([1])
    expect(loaded(await restarted.loadBoard('a'))).toEqual({ title: 'Werkstatt' })
    expect(loaded(await restarted.loadBoard('b'))).toEqual({ title: 'Pitch' })
  })

  it('a batch that does not fit in the rest of the journal moves the journal into the database first', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: NEVER, journalCapacityBytes: 8192 })
    for (const part of ['a', 'b', 'c']) {
      await store.appendBatches([{ boardId: 'a', updates: [updateSetting(part, part.repeat(1500))] }])
    }
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('notiz', 'x'.repeat(4000))] }])
    expect(loggedRows(storage.db, 'a')).toEqual([1, 2, 3])
    expect(journalledSeqs(storage.journalFile)).toEqual([4])
    expect(loaded(await store.loadBoard('a'))).toEqual({ a: 'a'.repeat(1500), b: 'b'.repeat(1500), c: 'c'.repeat(1500), notiz: 'x'.repeat(4000) })
  })

  it('a batch bigger than the whole journal goes straight into the database, after what the journal held', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: NEVER, journalCapacityBytes: 4096 })
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('title', 'Werkstatt')] }])
    const [last] = await store.appendBatches([
      { boardId: 'a', updates: [updateSetting('notiz', 'x'.repeat(5000)), updateSetting('ort', 'Cottbus')] },
    ])
    expect(last).toBe(3)
    expect(loggedRows(storage.db, 'a')).toEqual([1, 2, 3])
    expect(journalledSeqs(storage.journalFile)).toEqual([])
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('raum', 'Lausitz-Saal')] }])
    expect(journalledSeqs(storage.journalFile)).toEqual([4])
    expect(loaded(await store.loadBoard('a'))).toEqual({ title: 'Werkstatt', notiz: 'x'.repeat(5000), ort: 'Cottbus', raum: 'Lausitz-Saal' })
  })

  it('a journal cut short in a record keeps every whole record before it and says what it dropped', async () => {
    const storage = tempStorage()
    const store = openBoardStore(storage, { flushDelayMs: NEVER })
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('title', 'Werkstatt')] }])
    await store.appendBatches([{ boardId: 'a', updates: [updateSetting('ort', 'Cottbus')] }])
    const crashed = tempStorage()
    const written = fs.readFileSync(storage.journalFile)
    // Each record starts with the length of what follows its 8-byte header.
    const wholeRecord = 8 + written.readUInt32LE(0)
    const secondRecordEnd = wholeRecord + 8 + written.readUInt32LE(wholeRecord)
    fs.writeFileSync(crashed.journalFile, written.subarray(0, secondRecordEnd - 5))

    const { logger, lines } = capturedLog()
    const restarted = openBoardStore(crashed, { logger })
    expect(loaded(await restarted.loadBoard('a'))).toEqual({ title: 'Werkstatt' })
    expect(lines().find((line) => line.droppedBytes !== undefined)?.droppedBytes).toBe(secondRecordEnd - 5 - wholeRecord)
  })

  it('migrates a data directory from the global update sequence without losing an update', async () => {
    const storage = tempStorage()
    const { db } = storage
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

    await expectMigrated(storage, { a: { title: 'Ideenschmiede', idee: 'Materialbörse' }, aLastSeq: 3, b: { title: 'Pitch' } })
  })

  it('migrates a data directory whose log was one WITHOUT ROWID table', async () => {
    const storage = tempStorage()
    const { db } = storage
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

    await expectMigrated(storage, { a: { title: 'Kreative Lausitz', ort: 'Cottbus' }, aLastSeq: 2, b: { title: 'Speed-Dating' } })
  })
})

/** Opens the store on an old layout: both boards read back, board a's next update follows its old log, and the log has the current layout. */
async function expectMigrated(
  storage: TempStorage,
  expected: { a: Record<string, unknown>; aLastSeq: number; b: Record<string, unknown> },
): Promise<void> {
  const store = openBoardStore(storage)
  const a = await store.loadBoard('a')
  expect(loaded(a)).toEqual(expected.a)
  expect(a.lastSeq).toBe(expected.aLastSeq)
  expect(loaded(await store.loadBoard('b'))).toEqual(expected.b)
  const [next] = await store.appendBatches([{ boardId: 'a', updates: [updateSetting('x', 'y')] }])
  expect(next).toBe(expected.aLastSeq + 1)
  expectCurrentLayout(storage.db)
}

function expectCurrentLayout(db: Database.Database): void {
  const table = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'board_updates'").get()
  expect(table?.sql).toMatch(/id INTEGER PRIMARY KEY/)
  expect(table?.sql).not.toMatch(/AUTOINCREMENT|WITHOUT ROWID/)
  const index = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'board_updates_by_board'").get()
  expect(index?.sql).toMatch(/UNIQUE INDEX/)
}
