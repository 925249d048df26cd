import type { TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { openMeta, readBoardRecords, SCHEMA_META_KEY, writeBoardRecords } from '../../shared/boardDocument.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import { TLDRAW_SCHEMA } from './tldrawRecords.ts'

export interface BoardContent {
  schema: unknown
  records: unknown[]
}

/**
 * Server-side reads and writes of board documents. Both go through the
 * board's room, so a write reaches connected clients at once and is stored
 * before it is relayed, exactly like a client's edit.
 */
export class BoardDocuments {
  constructor(private readonly registry: RoomRegistry) {}

  async read(boardId: string): Promise<BoardContent> {
    return this.inspect(boardId, (doc) => readContent(doc))
  }

  async change(boardId: string, change: (doc: Y.Doc) => void): Promise<void> {
    const room = await this.registry.open(boardId)
    const unhold = room.hold()
    try {
      room.applyServerChange(change)
      await room.whenWritten()
    } finally {
      unhold()
      this.registry.release(room)
    }
  }

  /** Makes the board hold exactly these records: a normal change on top, so history keeps what was there. */
  async replaceRecords(boardId: string, records: readonly TLRecord[]): Promise<void> {
    await this.change(boardId, (doc) => writeRecords(doc, records))
  }

  /**
   * Stores the board as it is now as one snapshot and drops its update log:
   * what earlier edits held (a name since taken out) is gone from storage, as
   * Yjs keeps no content of deleted entries.
   */
  async forgetHistory(boardId: string): Promise<void> {
    const room = await this.registry.open(boardId)
    const unhold = room.hold()
    try {
      await room.compactNow()
    } finally {
      unhold()
      this.registry.release(room)
    }
  }

  /** Reads from the live document (loading the board if nobody has it open). */
  async inspect<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.registry.open(boardId)
    const unhold = room.hold()
    try {
      return read(room.doc)
    } finally {
      unhold()
      this.registry.release(room)
    }
  }
}

export function readContent(doc: Y.Doc): BoardContent {
  return { schema: openMeta(doc).get(SCHEMA_META_KEY) ?? null, records: Array.from(readBoardRecords(doc).values()) }
}

/** Sets, updates and deletes so that the document holds exactly `records`, written with our schema. */
export function writeRecords(doc: Y.Doc, records: readonly TLRecord[]): void {
  const current = readBoardRecords(doc)
  const wanted = new Map<string, TLRecord>(records.map((record) => [record.id, record]))
  writeBoardRecords(doc, {
    delete: Array.from(current.keys()).filter((id) => !wanted.has(id)),
    set: Array.from(wanted.values()).filter((record) => JSON.stringify(current.get(record.id)) !== JSON.stringify(record)),
  })
  openMeta(doc).set(SCHEMA_META_KEY, TLDRAW_SCHEMA.serialize())
}
