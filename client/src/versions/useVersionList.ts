import { useCallback, useEffect, useState } from 'react'
import type { BoardVersionInfo } from '../../../shared/boardVersions.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { versionFailure } from './versionErrors.ts'
import type { VersionsApi } from './versionsApi.ts'
import type { OnVersionsChanged } from './versionsApi.ts'

export interface VersionList {
  /** Null until the first answer; a reload keeps the shown list until the new one is there, so focus and selection stay put. */
  versions: BoardVersionInfo[] | null
  failure: MessageKey | null
  reload(): Promise<void>
}

/** The board's versions, refreshed whenever the server says one was stored, by this facilitator or another. */
export function useVersionList(api: VersionsApi, boardId: string, onVersionsChanged: OnVersionsChanged): VersionList {
  const [versions, setVersions] = useState<BoardVersionInfo[] | null>(null)
  const [failure, setFailure] = useState<MessageKey | null>(null)

  const reload = useCallback(
    () =>
      api.list().then(
        (list) => {
          setVersions(list)
          setFailure(null)
        },
        (error: unknown) => setFailure(versionFailure('list', error)),
      ),
    [api],
  )

  useEffect(() => {
    void reload()
  }, [reload])

  useEffect(
    () =>
      onVersionsChanged((changedBoardId) => {
        if (changedBoardId === boardId) void reload()
      }),
    [onVersionsChanged, boardId, reload],
  )

  return { versions, failure, reload }
}
