import pg from 'pg'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/logger.ts'
import { LockKind } from '../../server/storage/postgres/advisoryLocks.ts'
import { openPostgresStorage } from '../../server/storage/postgres/openPostgresStorage.ts'
import type { Storage } from '../../server/storage/Storage.ts'
import { adminQuery, describeWithPostgres, makeTestSchema } from '../support/postgres.ts'

const logger = createLogger('silent')
const opened: Storage[] = []

afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close()
})

/** Two storages on one database, as two server processes have. */
async function twoProcesses(): Promise<{ a: Storage; b: Storage; url: string }> {
  const { url } = await makeTestSchema()
  const a = await openPostgresStorage(url, logger)
  const b = await openPostgresStorage(url, logger)
  opened.push(a, b)
  return { a, b, url }
}

/** A process's room: its own document, written through its own storage, with what it stored last. */
class Room {
  readonly doc = new Y.Doc()
  lastSeq = 0

  constructor(private readonly storage: Storage) {}

  async write(key: string): Promise<Uint8Array> {
    let update: Uint8Array | null = null
    const capture = (u: Uint8Array) => (update = u)
    this.doc.once('update', capture)
    this.doc.getMap('board').set(key, key)
    if (!update) throw new Error('no update')
    const [seq] = await this.storage.boards.appendBatches([{ boardId: 'board', updates: [update] }])
    this.lastSeq = seq ?? 0
    return update
  }

  compact(): Promise<void> {
    return this.storage.boards.storeSnapshot('board', Y.encodeStateAsUpdate(this.doc), this.lastSeq)
  }
}

function keysOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string[] {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return Object.keys(doc.getMap('board').toJSON()).sort()
}

/** The map key an update sets; decoded, not applied, since a room's later updates depend on its earlier ones. */
function keyOf(update: Uint8Array): string {
  const [struct] = Y.decodeUpdate(update).structs
  return struct instanceof Y.Item ? (struct.parentSub ?? '') : ''
}

describeWithPostgres('one board stored by two processes', () => {
  it('appends from both all land, numbered 1..n without gaps, each process’s in the order it wrote them', async () => {
    const { a, b } = await twoProcesses()
    const write = async (storage: Storage, name: string) => {
      const room = new Room(storage)
      const seqs: number[] = []
      for (let i = 0; i < 60; i++) {
        await room.write(`${name}${String(i).padStart(2, '0')}`)
        seqs.push(room.lastSeq)
      }
      return seqs
    }
    const [seqsA, seqsB] = await Promise.all([write(a, 'a'), write(b, 'b')])
    expect([...seqsA, ...seqsB].sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1))
    const stored = await b.boards.loadBoard('board')
    expect(stored.lastSeq).toBe(120)
    const order = stored.updates.map(keyOf)
    expect(order.filter((key) => key.startsWith('a'))).toEqual(Array.from({ length: 60 }, (_, i) => `a${String(i).padStart(2, '0')}`))
    expect(order.filter((key) => key.startsWith('b'))).toEqual(Array.from({ length: 60 }, (_, i) => `b${String(i).padStart(2, '0')}`))
  })

  it('both compacting at once, each with a document that lacks the other’s edits, lose nothing', async () => {
    const { a, b } = await twoProcesses()
    const roomA = new Room(a)
    const roomB = new Room(b)
    const written: string[] = []
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 5; i++) {
        await Promise.all([roomA.write(`a${round}-${i}`), roomB.write(`b${round}-${i}`)])
        written.push(`a${round}-${i}`, `b${round}-${i}`)
      }
      await Promise.all([roomA.compact(), roomB.compact()])
      expect(keysOf(await a.boards.loadBoard('board'))).toEqual([...written].sort())
    }
    const stored = await b.boards.loadBoard('board')
    expect(stored.lastSeq).toBe(80)
    expect(stored.updates.length).toBeLessThan(80)
  })

  it('a load while another process keeps writing and compacting sees every update stored before it', async () => {
    const { a, b } = await twoProcesses()
    const room = new Room(a)
    const stored: string[] = []
    let stop = false
    const writing = (async () => {
      while (!stop) {
        const key = `k${stored.length}`
        await room.write(key)
        stored.push(key)
        await room.compact()
      }
    })()
    try {
      for (let i = 0; i < 60; i++) {
        const before = [...stored]
        expect(keysOf(await b.boards.loadBoard('board'))).toEqual(expect.arrayContaining(before))
      }
    } finally {
      stop = true
      await writing
    }
  })

  it('a compaction that finds the board locked by another process skips and keeps the log; the next one compacts', async () => {
    const { a, url } = await twoProcesses()
    const room = new Room(a)
    for (let i = 0; i < 4; i++) await room.write(`k${i}`)
    const other = new pg.Client({ connectionString: url })
    await other.connect()
    try {
      await other.query('BEGIN')
      await other.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || ':' || $2))", [LockKind.boardCompaction, 'board'])
      await room.compact()
      expect(await a.boards.loadBoard('board')).toMatchObject({ snapshot: null, lastSeq: 4 })
      await other.query('COMMIT')
    } finally {
      await other.end()
    }
    await room.compact()
    const stored = await a.boards.loadBoard('board')
    expect(stored.updates).toEqual([])
    expect(keysOf(stored)).toEqual(['k0', 'k1', 'k2', 'k3'])
  })

  it('processes that start together on an empty schema apply each migration once', async () => {
    const { schema, url } = await makeTestSchema()
    opened.push(...(await Promise.all(Array.from({ length: 4 }, () => openPostgresStorage(url, logger)))))
    expect(await adminQuery(`SELECT version FROM ${schema}.schema_migrations`)).toEqual([{ version: 1 }])
  })

  it('after an erasure the tables that hold personal data are vacuumed', async () => {
    const { schema, url } = await makeTestSchema()
    const storage = await openPostgresStorage(url, logger)
    opened.push(storage)
    await storage.profiles.storeProfile('e1', 'anna', { name: 'Anna', side: 'kreative', organisation: '', offer: '', seek: '', tags: [], contact: 'anna@example.org' })
    await storage.erasing(() => storage.profiles.deleteProfiles('e1', 'anna'))
    const vacuumed = await adminQuery<{ relname: string }>('SELECT relname FROM pg_stat_user_tables WHERE schemaname = $1 AND last_vacuum IS NOT NULL', [schema])
    expect(vacuumed.map((row) => row.relname)).toEqual(expect.arrayContaining(['profile_cards', 'board_updates', 'board_snapshots', 'board_assets', 'match_marks']))
  })

  it('a schema written by a newer release is refused at start, naming the versions', async () => {
    const { a, url } = await twoProcesses()
    await a.events.listEvents()
    const other = new pg.Client({ connectionString: url })
    await other.connect()
    try {
      await other.query("INSERT INTO schema_migrations (version, description) VALUES (99, 'from the future')")
    } finally {
      await other.end()
    }
    await expect(openPostgresStorage(url, logger)).rejects.toThrow(/schema is at version 99, newer than this release knows \(1\)/)
  })
})
