import type { BoardVersionInfo } from '../../shared/boardVersions.ts'

export type { BoardVersionInfo }

export interface BoardVersion extends BoardVersionInfo {
  /** The board's records and schema at that time, as JSON. */
  content: string
}

export interface VersionStore {
  storeVersion(version: BoardVersion): Promise<void>
  listVersions(boardId: string): Promise<BoardVersionInfo[]>
  loadVersion(boardId: string, versionId: string): Promise<BoardVersion | null>
  latestAutoVersionAt(boardId: string): Promise<string | null>
  /** Replaces a version's content (personal data taken out); false when there is no such version. */
  replaceVersionContent(boardId: string, versionId: string, content: string): Promise<boolean>
  deleteVersions(boardId: string): Promise<void>
}
