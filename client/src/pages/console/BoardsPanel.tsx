import { exportFileName } from '../../../../shared/dates.ts'
import { useState, type ChangeEvent, type FormEvent } from 'react'
import { boardSchema, TEMPLATE_IDS, templateIdSchema, type Board, type TemplateId } from '../../../../shared/api.ts'
import { TEMPLATES } from '../../../../shared/templates/index.ts'
import { ApiRequestError } from '../../api/apiClient.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { errorText } from '../ErrorNotice.tsx'
import { downloadWithToken } from './downloadWithToken.ts'
import type { EventViewProps } from './ConsolePage.tsx'

/** The event's boards: create from a template, open, rename, archive, export and import snapshots, the results report. */
export function BoardsPanel({ event, api, token, reload }: EventViewProps) {
  const { t, locale } = useMessages()
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<TemplateId>('ideenschmiede')
  const [error, setError] = useState<string | null>(null)
  const [showArchived, setShowArchived] = useState(false)
  const [anonymousReport, setAnonymousReport] = useState(false)

  const attempt = async (action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
      reload()
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? `${errorText(failure, t)} ${failure.code === 'bad_request' ? failure.message : ''}` : t('pages.error.generic'))
    }
  }

  const create = (submit: FormEvent) => {
    submit.preventDefault()
    void attempt(() =>
      api.send('POST', `/api/events/${event.id}/boards`, { title: title.trim() || TEMPLATES[template].title[locale], template, language: locale }, boardSchema).then(() => setTitle('')),
    )
  }

  const importSnapshot = (change: ChangeEvent<HTMLInputElement>) => {
    const file = change.target.files?.[0]
    change.target.value = ''
    if (!file) return
    void attempt(async () => {
      let snapshot: unknown
      try {
        snapshot = JSON.parse(await file.text())
      } catch {
        throw new ApiRequestError(400, 'bad_request', t('boards.importUnreadable'))
      }
      await api.send('POST', `/api/events/${event.id}/boards/import`, { snapshot }, boardSchema)
    })
  }

  const downloadReport = (format: 'md' | 'csv') =>
    void downloadWithToken(
      `/api/events/${event.id}/report?format=${format}&anonymous=${anonymousReport}`,
      token,
      `${exportFileName(`${event.title} ${t('export.fileResults')}`, new Date())}.${format}`,
    )

  const boards = event.boards.filter((board) => showArchived || !board.archived)
  return (
    <div className="boards-panel">
      <h2>{t('console.boards')}</h2>
      <form className="row row--wrap" onSubmit={create}>
        <label className="grow">
          <span className="visually-hidden">{t('boards.newTitle')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('boards.newTitle')} maxLength={200} data-testid="new-board-title" />
        </label>
        <label>
          <span className="visually-hidden">{t('boards.template')}</span>
          <select value={template} onChange={(e) => setTemplate(templateIdSchema.parse(e.target.value))} data-testid="new-board-template">
            {TEMPLATE_IDS.map((id) => (
              <option key={id} value={id} title={TEMPLATES[id].description[locale]}>
                {TEMPLATES[id].title[locale]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button--primary">
          {t('boards.create')}
        </button>
      </form>
      <ul className="board-list">
        {boards.map((board) => (
          <BoardRow key={board.id} board={board} onChange={(patch) => attempt(() => api.send('PATCH', `/api/boards/${board.id}`, patch, boardSchema))} token={token} />
        ))}
      </ul>
      <div className="row row--wrap">
        <label className="file-button">
          {t('boards.import')}
          <input type="file" accept="application/json,.json" onChange={importSnapshot} className="visually-hidden" />
        </label>
        <button type="button" onClick={() => downloadReport('md')}>
          {t('boards.reportMd')}
        </button>
        <button type="button" onClick={() => downloadReport('csv')}>
          {t('boards.reportCsv')}
        </button>
        <label className="row">
          <input type="checkbox" checked={anonymousReport} onChange={(e) => setAnonymousReport(e.target.checked)} data-testid="report-anonymous" />
          {t('boards.reportAnonymous')}
        </label>
        <label className="row">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          {t('boards.showArchived')}
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

function BoardRow({ board, token, onChange }: { board: Board; token: string | null; onChange: (patch: { title?: string; archived?: boolean }) => Promise<void> }) {
  const { t } = useMessages()
  const [renaming, setRenaming] = useState<string | null>(null)
  return (
    <li className={board.archived ? 'board-list__item board-list__item--archived' : 'board-list__item'}>
      {renaming === null ? (
        <a href={`/b/${board.id}`} className="board-list__title">
          {board.title}
        </a>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void onChange({ title: renaming }).then(() => setRenaming(null))
          }}
        >
          <input aria-label={t('boards.rename')} value={renaming} onChange={(e) => setRenaming(e.target.value)} maxLength={200} autoFocus />
        </form>
      )}
      <span className="board-list__actions">
        <button type="button" onClick={() => setRenaming(renaming === null ? board.title : null)}>
          {t('boards.rename')}
        </button>
        <button type="button" onClick={() => void onChange({ archived: !board.archived })}>
          {board.archived ? t('boards.unarchive') : t('boards.archive')}
        </button>
        <button type="button" onClick={() => void downloadWithToken(`/api/boards/${board.id}/export`, token, `${exportFileName(board.title, new Date())}.ideenschmiede.json`)}>
          {t('boards.export')}
        </button>
      </span>
    </li>
  )
}
