import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { SQLITE_FILE_NAME } from '../../server/storage/Storage.ts'
import { CloseCode } from '../../shared/closeCodes.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { openRaw } from '../support/rawSyncClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.stop()
})

function openDatabase(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, SQLITE_FILE_NAME))
}

function storedLog(dataDir: string, boardId: string): { rows: number; bytes: number } {
  const db = openDatabase(dataDir)
  try {
    const row = db
      .prepare<[string], { rows: number; bytes: number | null }>(
        'SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM board_updates WHERE board_id = ?',
      )
      .get(boardId)
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 }
  } finally {
    db.close()
  }
}

describe('storage', () => {
  it('compaction keeps the board identical and shrinks the stored log', async () => {
    server = await startTestServer({ compactAfterUpdates: 1_000_000 })
    const dataDir = server.config.dataDir
    const moves = await server.createBoard('moves')
    const a = await connectSynced(server.wsUrl, moves, server.adminToken)
    clients.push(a)
    // The same 20 records moved over and over: the log grows, the live state does not.
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 20; i++) a.records.set(`shape-${i}`, JSON.stringify({ x: round, y: i }))
    }
    const before = a.records.toJSON()
    // The server relays only what it has stored, so once a watcher holds the last move, all are stored.
    const watcher = await connectSynced(server.wsUrl, moves, server.adminToken)
    clients.push(watcher)
    await until(() => watcher.records.get('shape-19') === JSON.stringify({ x: 29, y: 19 }), 'the last move at the watcher')
    // Stored means journalled; the journal moves into the database within half a second.
    await until(() => storedLog(dataDir, moves).rows === 600, 'all 600 moves in the database')
    const uncompacted = storedLog(dataDir, moves)
    for (const client of clients.splice(0)) client.destroy()
    await server.stop()

    server = await startTestServer({ dataDir, compactAfterUpdates: 100 })
    const b = await connectSynced(server.wsUrl, moves, server.adminToken)
    clients.push(b)
    b.records.set('trigger', 'x')
    for (let i = 0; i < 100; i++) b.records.set(`shape-${i % 20}`, JSON.stringify({ x: 99, y: i % 20 }))
    const expected = b.records.toJSON()
    await until(() => server.server.metrics.read('board_compactions_total') > 0, 'a background compaction')
    const compacted = storedLog(dataDir, moves)
    expect(compacted.bytes).toBeLessThan(uncompacted.bytes / 10)
    expect(Object.keys(before)).toHaveLength(20)

    for (const client of clients.splice(0)) client.destroy()
    await server.stop()
    server = await startTestServer({ dataDir })
    const c = await connectSynced(server.wsUrl, moves, server.adminToken)
    clients.push(c)
    expect(c.records.toJSON()).toEqual(expected)
  })

  it('a stored board that cannot be decoded is refused, never served as an empty board', async () => {
    server = await startTestServer()
    const broken = await server.createBoard('broken')
    const a = await connectSynced(server.wsUrl, broken, server.adminToken)
    const watcher = await connectSynced(server.wsUrl, broken, server.adminToken)
    a.records.set('idea', 'Upcycling-Werkstatt')
    await until(() => watcher.records.get('idea') === 'Upcycling-Werkstatt', 'the idea at the watcher')
    a.destroy()
    watcher.destroy()
    await until(() => server.server.registry.openRoomCount === 0, 'the board to unload')

    const db = openDatabase(server.config.dataDir)
    // Appended after everything stored so far (the unload compacted the log into the snapshot).
    db.prepare(
      `INSERT INTO board_updates (board_id, seq, data) VALUES (?, (
         SELECT MAX(last) + 1 FROM (
           SELECT COALESCE(MAX(seq), 0) AS last FROM board_updates WHERE board_id = ?
           UNION ALL SELECT upto_seq FROM board_snapshots WHERE board_id = ?)
       ), ?)`,
    ).run(broken, broken, broken, Buffer.from('garbage bytes'))
    db.close()

    const raw = openRaw(`${server.wsUrl}/${broken}?token=${server.adminToken}`)
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.boardUnreadable)
    // No sync step carrying an (empty) document was sent before the refusal.
    expect(raw.received).toHaveLength(0)
    expect(server.server.metrics.read('board_loads_failed_total')).toBe(1)
    const stillThere = storedLog(server.config.dataDir, broken)
    expect(stillThere.rows).toBeGreaterThan(0)
  })

  it('stored updates reach the database file itself within seconds, checkpointed beside the event loop', async () => {
    server = await startTestServer()
    const dataDir = server.config.dataDir
    const board = await server.createBoard('checkpointed')
    const a = await connectSynced(server.wsUrl, board, server.adminToken)
    const watcher = await connectSynced(server.wsUrl, board, server.adminToken)
    clients.push(a, watcher)
    for (let i = 0; i < 50; i++) a.records.set(`note-${i}`, `Idee ${i}`)
    await until(() => watcher.records.size === 50, 'the notes at the watcher')
    // Far below the pages at which a commit would checkpoint inline: only the worker moves them out of the WAL.
    const copy = path.join(dataDir, 'main-file-only.sqlite')
    await until(
      () => {
        fs.copyFileSync(path.join(dataDir, SQLITE_FILE_NAME), copy)
        const db = new Database(copy, { readonly: true })
        try {
          return db.prepare<[string], { rows: number }>('SELECT COUNT(*) AS rows FROM board_updates WHERE board_id = ?').get(board)!.rows > 0
        } catch {
          return false
        } finally {
          db.close()
        }
      },
      'the updates in the database file without its WAL',
      // Journal flush (2 s) plus checkpoint interval (5 s), with room for a busy CI machine.
      20_000,
    )
  })

  it('a silent peer is dropped by the keepalive', async () => {
    server = await startTestServer({ keepaliveIntervalMs: 200 })
    const board = await server.createBoard('keepalive')
    const silent = openRaw(`${server.wsUrl}/${board}?token=${server.adminToken}`, { autoPong: false })
    await silent.opened
    const closed = await silent.closed
    expect(closed.code).toBe(1006)
  })
})
