import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/logger.ts'
import { Metrics } from '../../server/metrics.ts'
import type { BoardStore, PendingWrite } from '../../server/storage/BoardStore.ts'
import type { SqliteBoardStore } from '../../server/storage/SqliteBoardStore.ts'
import type { BoardRelay, RelayedBoard } from '../../server/sync/BoardRelay.ts'
import { RoomRegistry } from '../../server/sync/RoomRegistry.ts'
import { FULL_ACCESS, type SyncSocket } from '../../server/sync/SyncSocket.ts'
import { recordUpdate, updateMessage } from '../support/rawSyncClient.ts'
import { closeTempStorage, openBoardStore, tempStorage } from '../support/tempBoardStore.ts'
import { until } from '../support/until.ts'
import { NoteMap } from '../support/noteMap.ts'

class MemorySocket implements SyncSocket {
  readonly sent: Uint8Array[] = []
  isOpen = true
  bufferedBytes = 0
  send(message: Uint8Array): void {
    this.sent.push(message)
  }
  close(): void {
    this.isOpen = false
  }
}

/** The real SQLite store, with appends held until the test releases them. */
class HeldAppendStore implements BoardStore {
  private releaseAll: (() => void) | null = null
  private held = new Promise<void>((resolve) => (this.releaseAll = resolve))
  appended = 0
  constructor(private readonly inner: SqliteBoardStore) {}
  loadBoard(boardId: string) {
    return this.inner.loadBoard(boardId)
  }
  async appendBatches(writes: readonly PendingWrite[]) {
    await this.held
    const seqs = await this.inner.appendBatches(writes)
    for (const write of writes) this.appended += write.updates.length
    return seqs
  }
  storeSnapshot(boardId: string, snapshot: Uint8Array, uptoSeq: number) {
    return this.inner.storeSnapshot(boardId, snapshot, uptoSeq)
  }
  deleteBoard(boardId: string) {
    return this.inner.deleteBoard(boardId)
  }
  listDocumentIds(prefix: string) {
    return this.inner.listDocumentIds(prefix)
  }
  release(): void {
    this.releaseAll?.()
  }
}

afterEach(closeTempStorage)

function openStore(): SqliteBoardStore {
  return openBoardStore(tempStorage())
}

/** A relay that records what a room hands it, as the Redis relay would see it. */
class RecordingRelay implements BoardRelay {
  readonly shared = true
  readonly published: Uint8Array[] = []
  readonly followed: Array<{ board: RelayedBoard; from: string | null }> = []
  readonly unfollowed: string[] = []
  positionsTaken = 0
  position(): Promise<string | null> {
    this.positionsTaken += 1
    return Promise.resolve(`${this.positionsTaken}-0`)
  }
  follow(board: RelayedBoard, from: string | null): void {
    this.followed.push({ board, from })
  }
  unfollow(boardId: string): void {
    this.unfollowed.push(boardId)
  }
  publishUpdate(_boardId: string, update: Uint8Array): void {
    this.published.push(update)
  }
  publishAwareness(): void {}
  publishDeleted(): void {}
  exclusive<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work()
  }
  close(): Promise<void> {
    return Promise.resolve()
  }
}

function makeRegistry(store: BoardStore, relay?: RecordingRelay, limits: { compactIdleMs?: number; maxBoardBytes?: number } = {}): RoomRegistry {
  return new RoomRegistry({
    relay,
    store,
    logger: createLogger('silent'),
    metrics: new Metrics(),
    compactAfterUpdates: 1000,
    compactIdleMs: limits.compactIdleMs ?? 1000,
    maxPendingUpdatesPerClient: 10,
    awareness: { maxStateBytes: 64 * 1024, maxUpdatesPerSecond: 30 },
    content: { maxRecordBytes: 512 * 1024, maxBoardBytes: limits.maxBoardBytes ?? 64 * 1024 * 1024 },
  })
}

describe('BoardRoom', () => {
  it('relays an update only after storage has accepted it', async () => {
    const store = new HeldAppendStore(openStore())
    const room = await makeRegistry(store).open('ordered')
    const writer = new MemorySocket()
    const reader = new MemorySocket()
    room.join(writer, FULL_ACCESS)
    room.join(reader, FULL_ACCESS)
    const greeting = reader.sent.length

    room.handleMessage(writer, updateMessage(recordUpdate('idea', 'Klangwerkstatt')))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(reader.sent.length).toBe(greeting)

    store.release()
    await until(() => reader.sent.length === greeting + 1, 'the relayed update')
    expect(store.appended).toBe(1)
    expect(writer.sent.length).toBe(greeting)
    const decoder = decoding.createDecoder(reader.sent.at(-1) ?? new Uint8Array())
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2])
    const received = new Y.Doc()
    Y.applyUpdate(received, decoding.readVarUint8Array(decoder))
    expect(new NoteMap(received).get('idea')).toBe('Klangwerkstatt')
  })

  it('sends the updates of one stored batch as one merged update per recipient, and never a writer its own', async () => {
    const store = new HeldAppendStore(openStore())
    const room = await makeRegistry(store).open('merged')
    const anna = new MemorySocket()
    const ben = new MemorySocket()
    const reader = new MemorySocket()
    for (const socket of [anna, ben, reader]) room.join(socket, FULL_ACCESS)
    const greeting = (socket: MemorySocket) => socket.sent.length
    const before = { anna: greeting(anna), ben: greeting(ben), reader: greeting(reader) }

    // Three updates arrive while storage is busy: they are stored together and go out together.
    room.handleMessage(anna, updateMessage(recordUpdate('anna-1', 'Klangspaziergang')))
    room.handleMessage(ben, updateMessage(recordUpdate('ben-1', 'Werkhalle')))
    room.handleMessage(anna, updateMessage(recordUpdate('anna-2', 'Materialbörse')))
    store.release()
    await until(() => reader.sent.length > before.reader, 'the merged update')
    await room.whenWritten()

    const notesIn = (messages: Uint8Array[]) => {
      const doc = new Y.Doc()
      for (const message of messages) {
        const decoder = decoding.createDecoder(message)
        expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2])
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
      }
      const notes = new NoteMap(doc)
      return ['anna-1', 'ben-1', 'anna-2'].filter((key) => notes.get(key) !== undefined)
    }
    expect(reader.sent.length - before.reader).toBe(1)
    expect(notesIn(reader.sent.slice(before.reader))).toEqual(['anna-1', 'ben-1', 'anna-2'])
    expect(anna.sent.length - before.anna).toBe(1)
    expect(notesIn(anna.sent.slice(before.anna))).toEqual(['ben-1'])
    expect(ben.sent.length - before.ben).toBe(1)
    expect(notesIn(ben.sent.slice(before.ben))).toEqual(['anna-1', 'anna-2'])

    // The server's own changes go out one by one: a board from before the content check may hold what a client skips.
    const readerBefore = reader.sent.length
    room.applyServerChange((doc) => new NoteMap(doc).set('server-1', 'Vorlage'))
    room.applyServerChange((doc) => new NoteMap(doc).set('server-2', 'Aufgedeckt'))
    await room.whenWritten()
    expect(reader.sent.length - readerBefore).toBe(2)
  })

  it('publishes an update to the other processes only after storage has accepted it, and never stores a relayed one again', async () => {
    const store = new HeldAppendStore(openStore())
    const relay = new RecordingRelay()
    const registry = makeRegistry(store, relay)
    const room = await registry.open('relayed')
    expect(relay.followed.map(({ board, from }) => [board.boardId, from])).toEqual([['relayed', '1-0']])
    const writer = new MemorySocket()
    const reader = new MemorySocket()
    room.join(writer, FULL_ACCESS)
    room.join(reader, FULL_ACCESS)

    room.handleMessage(writer, updateMessage(recordUpdate('idea', 'Klangwerkstatt')))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(relay.published).toHaveLength(0)
    store.release()
    await until(() => relay.published.length === 1, 'the published update')

    const greeting = reader.sent.length
    room.applyRelayedUpdate(recordUpdate('elsewhere', 'von Prozess 2'))
    expect(reader.sent.length).toBe(greeting + 1)
    expect(new NoteMap(room.doc).get('elsewhere')).toBe('von Prozess 2')
    await room.whenWritten()
    expect(store.appended).toBe(1)
    expect(relay.published).toHaveLength(1)

    room.leave(writer)
    room.leave(reader)
    registry.release(room)
    await until(() => relay.unfollowed.includes('relayed'), 'the relay to stop following the closed board')
  })

  it('sends its clients what storage holds that they lack after a relay gap (resync)', async () => {
    const inner = openStore()
    const registry = makeRegistry(inner, new RecordingRelay())
    const room = await registry.open('gap')
    const reader = new MemorySocket()
    room.join(reader, FULL_ACCESS)
    // Another process stored this while Redis was away; its stream entry is lost.
    await inner.appendBatches([{ boardId: 'gap', updates: [recordUpdate('missed', 'ohne Redis')] }])
    const greeting = reader.sent.length
    await room.resync()
    expect(new NoteMap(room.doc).get('missed')).toBe('ohne Redis')
    expect(reader.sent.length).toBe(greeting + 1)
    await room.resync()
    expect(reader.sent.length).toBe(greeting + 1)
  })

  it('a board edited without pause is compacted before its log alone fills the size cap', async () => {
    // Never quiet for the idle compaction, and far fewer updates than the count that forces one.
    // The cap leaves half of itself (25 versions) of headroom while a compaction runs, as 64 MiB do in production.
    const registry = makeRegistry(openStore(), undefined, { compactIdleMs: 60_000, maxBoardBytes: 1024 * 1024 })
    const room = await registry.open('busy')
    const writer = new MemorySocket()
    room.join(writer, FULL_ACCESS)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => room.handleMessage(writer, updateMessage(update)))
    const notes = new NoteMap(doc)
    // 120 versions of one 20 KB note: 2.4 MB of log, over twice the cap, for a board that holds about 20 KB.
    for (let version = 0; version < 120; version++) {
      notes.set('long', `${version}: ${'Idee '.repeat(4_000)}`)
      await room.whenWritten()
    }
    expect(writer.isOpen).toBe(true)
    expect(new NoteMap(room.doc).get('long')?.startsWith('119: ')).toBe(true)
  })
})
