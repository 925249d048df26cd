import {
  boardVersionInfoSchema,
  boardVersionListSchema,
  restoredVersionSchema,
  versionContentSchema,
  type BoardVersionInfo,
  type NamedVersionBody,
  type VersionContent,
} from '../../../shared/boardVersions.ts'
import type { ApiClient } from '../api/apiClient.ts'

/** How the version list hears of a version stored elsewhere (another facilitator, an automatic one); returns the unsubscribe. */
export type OnVersionsChanged = (listener: (boardId: string) => void) => () => void

/** The facilitator's calls about a board's versions; the server keeps them newest first. */
export interface VersionsApi {
  list(): Promise<BoardVersionInfo[]>
  nameCurrentState(name: string): Promise<BoardVersionInfo>
  content(versionId: string): Promise<VersionContent>
  /** The server keeps the state before the restore as a version of its own; it shows up in the list. */
  restore(versionId: string): Promise<void>
}

export function createVersionsApi(api: ApiClient, boardId: string): VersionsApi {
  const base = `/api/boards/${encodeURIComponent(boardId)}/versions`
  return {
    list: () => api.get(base, boardVersionListSchema),
    nameCurrentState: (name) => api.send('POST', base, { name } satisfies NamedVersionBody, boardVersionInfoSchema),
    content: (versionId) => api.get(`${base}/${encodeURIComponent(versionId)}`, versionContentSchema),
    restore: async (versionId) => {
      await api.send('POST', `${base}/${encodeURIComponent(versionId)}/restore`, {}, restoredVersionSchema)
    },
  }
}
