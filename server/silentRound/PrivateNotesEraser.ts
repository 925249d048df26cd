import type { BoardStore } from '../storage/BoardStore.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import { parsePrivateNotesDocId, privateNotesPrefix } from './privateNotesDoc.ts'

export interface PrivateNotesEraserDeps {
  store: Pick<BoardStore, 'listDocumentIds' | 'deleteBoard'>
  registry: Pick<RoomRegistry, 'openIds' | 'discard'>
  /** Cuts off the connections of every document `gone` matches. */
  closeDocuments: (gone: (docId: string) => boolean) => void
}

/**
 * Deletes unrevealed private notes of a silent round: they are personal data
 * like any note, but live in documents of their own that no board lists, so
 * deleting a board or anonymising it does not reach them.
 */
export class PrivateNotesEraser {
  constructor(private readonly deps: PrivateNotesEraserDeps) {}

  /** Everyone's private notes of these boards, or only the person's; resolves to the number of documents deleted. */
  async erase(boardIds: readonly string[], personId?: string): Promise<number> {
    const boards = new Set(boardIds)
    const owned = (docId: string) => {
      const owner = parsePrivateNotesDocId(docId)
      return owner !== null && boards.has(owner.boardId) && (personId === undefined || owner.personId === personId)
    }
    // Connections first: a client still connected would write its copy back.
    this.deps.closeDocuments(owned)
    const docIds = new Set(this.deps.registry.openIds().filter(owned))
    for (const boardId of boards) {
      for (const docId of await this.deps.store.listDocumentIds(privateNotesPrefix(boardId))) if (owned(docId)) docIds.add(docId)
    }
    await this.deps.registry.discard([...docIds])
    for (const docId of docIds) await this.deps.store.deleteBoard(docId)
    return docIds.size
  }
}
