import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import type { BoardContent, BoardDocuments } from '../boards/BoardDocuments.ts'
import type { BoardHistory } from '../boards/BoardHistory.ts'
import type { VersionStore } from '../storage/VersionStore.ts'
import type { VoteStore } from '../storage/VoteStore.ts'
import { anonymiseRecords, type Whom } from './anonymiseRecords.ts'

export interface BoardAnonymiserDeps {
  documents: BoardDocuments
  history: Pick<BoardHistory, 'whenStored'>
  versions: VersionStore
  votes: VoteStore
}

/**
 * Takes a person (or everyone) off a board: in the live document, in its
 * stored history and in its versions, and from its dots. The board stays
 * readable: notes keep their text, only the author becomes "Teilnehmer:in".
 */
export async function anonymiseBoard(deps: BoardAnonymiserDeps, boardId: string, whom: Whom): Promise<void> {
  let changed = false
  await deps.documents.change(boardId, (doc) => {
    const records = anonymiseRecords(readBoardRecords(doc).values(), whom)
    changed = records.length > 0
    if (changed) writeBoardRecords(doc, { set: records })
  })
  if (changed) await deps.documents.forgetHistory(boardId)
  await deps.history.whenStored(boardId)
  for (const info of await deps.versions.listVersions(boardId)) {
    const version = await deps.versions.loadVersion(boardId, info.id)
    if (!version) continue
    const content = JSON.parse(version.content) as BoardContent
    const replaced = new Map(anonymiseRecords(content.records, whom).map((record) => [record.id, record]))
    if (replaced.size === 0) continue
    const records = content.records.map((record) => (isIdentified(record) ? (replaced.get(record.id) ?? record) : record))
    await deps.versions.replaceVersionContent(boardId, info.id, JSON.stringify({ ...content, records }))
  }
  await deps.votes.anonymiseDots(boardId, 'personId' in whom ? whom.personId : undefined)
}

function isIdentified(record: unknown): record is { id: string } {
  return typeof record === 'object' && record !== null && typeof (record as { id?: unknown }).id === 'string'
}
