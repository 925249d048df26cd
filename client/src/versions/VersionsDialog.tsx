import './versions.css'
import { useMemo, useState } from 'react'
import type { BoardVersionInfo } from '../../../shared/boardVersions.ts'
import { createApiClient } from '../api/apiClient.ts'
import { createBoardAssetStore } from '../board/boardAssetStore.ts'
import { ModalDialog } from '../dialog/ModalDialog.tsx'
import { useMessages } from '../i18n/useMessages.ts'
import { NameVersionForm } from './NameVersionForm.tsx'
import { VersionDetail } from './VersionDetail.tsx'
import { useVersionList } from './useVersionList.ts'
import type { OnVersionsChanged } from './versionsApi.ts'
import { VersionListView } from './VersionListView.tsx'
import { createVersionsApi } from './versionsApi.ts'
import { versionTime } from './versionText.ts'

export interface VersionsDialogProps {
  boardId: string
  token: string | null
  licenseKey: string | null
  onVersionsChanged: OnVersionsChanged
  onClose(): void
}

/** The facilitator's version history of a board: name the current state, look at a version, restore it. */
export function VersionsDialog({ boardId, token, licenseKey, onVersionsChanged, onClose }: VersionsDialogProps) {
  const { locale, t } = useMessages()
  const api = useMemo(() => createVersionsApi(createApiClient(token), boardId), [boardId, token])
  const assets = useMemo(() => createBoardAssetStore(boardId, token), [boardId, token])
  const list = useVersionList(api, boardId, onVersionsChanged)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const selected = list.versions?.find((version) => version.id === selectedId) ?? null

  const handleSaved = (version: BoardVersionInfo): void => {
    setNotice(t('versions.name.saved', { name: version.name }))
    setSelectedId(version.id)
    void list.reload()
  }

  const handleRestored = (restored: BoardVersionInfo): void => {
    setNotice(t('versions.restore.done', { time: versionTime(restored.createdAt, locale) }))
    void list.reload()
  }

  return (
    <ModalDialog labelledBy="versions-title" onClose={onClose} testId="versions-dialog">
      <header className="versions__header">
        <h2 id="versions-title" className="versions__title">
          {t('versions.title')}
        </h2>
        <button type="button" className="versions__button" onClick={onClose}>
          {t('versions.close')}
        </button>
      </header>
      <div className="versions__body">
        <div className="versions__side">
          <NameVersionForm api={api} onSaved={handleSaved} t={t} />
          <p className="versions__notice" role="status" data-testid="versions-notice">
            {notice}
          </p>
          <VersionListView list={list} selectedId={selectedId} onSelect={(version) => setSelectedId(version.id)} locale={locale} t={t} />
        </div>
        {selected ? (
          <VersionDetail
            key={selected.id}
            version={selected}
            api={api}
            assets={assets}
            licenseKey={licenseKey}
            onRestored={() => handleRestored(selected)}
          />
        ) : (
          <p className="versions__detail versions__hint">{t('versions.preview.choose')}</p>
        )}
      </div>
    </ModalDialog>
  )
}
