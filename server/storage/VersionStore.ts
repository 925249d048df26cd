export interface BoardVersionInfo {
  id: string
  boardId: string
  name: string
  kind: 'named' | 'auto' | 'before-restore'
  createdAt: string
}

export interface BoardVersion extends BoardVersionInfo {
  /** The board's records and schema at that time, as JSON. */
  content: string
}

export interface VersionStore {
  storeVersion(version: BoardVersion): Promise<void>
  listVersions(boardId: string): Promise<BoardVersionInfo[]>
  loadVersion(boardId: string, versionId: string): Promise<BoardVersion | null>
  latestAutoVersionAt(boardId: string): Promise<string | null>
}
