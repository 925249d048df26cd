import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/logger.ts'
import { Metrics } from '../../server/metrics.ts'
import type { BoardStore, PendingWrite } from '../../server/storage/BoardStore.ts'
import type { SqliteBoardStore } from '../../server/storage/SqliteBoardStore.ts'
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

function makeRegistry(store: BoardStore): RoomRegistry {
  return new RoomRegistry({
    store,
    logger: createLogger('silent'),
    metrics: new Metrics(),
    compactAfterUpdates: 1000,
    compactIdleMs: 1000,
    maxPendingUpdatesPerClient: 10,
    awareness: { maxStateBytes: 64 * 1024, maxUpdatesPerSecond: 30 },
    content: { maxRecordBytes: 512 * 1024, maxBoardBytes: 64 * 1024 * 1024 },
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
})
