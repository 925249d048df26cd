import { useState } from 'react'
import { exportFileName } from '../../../shared/dates.ts'
import { exportAs, useValue, type Editor, type TLShapeId } from 'tldraw'
import type { Translate } from '../i18n/useMessages.ts'

type Scope = 'board' | 'selection'

/** PNG or SVG of the whole board, or of the selection (a frame, a cluster of notes), through tldraw's own export. */
export function ExportMenu({ editor, boardTitle, t }: { editor: Editor; boardTitle: string; t: Translate }) {
  const [open, setOpen] = useState(false)
  const [failed, setFailed] = useState(false)
  const hasSelection = useValue('has selection', () => editor.getSelectedShapeIds().length > 0, [editor])

  const run = (scope: Scope, format: 'png' | 'svg') => {
    const ids: TLShapeId[] = scope === 'selection' ? editor.getSelectedShapeIds() : [...editor.getCurrentPageShapeIds()]
    setOpen(false)
    if (ids.length === 0) {
      setFailed(true)
      return
    }
    setFailed(false)
    exportAs(editor, ids, { format, name: exportFileName(scope === 'board' ? boardTitle : `${boardTitle} – ${t('export.fileSelection')}`, new Date()), background: true }).catch((error: unknown) => {
      console.error('Ideenschmiede: export failed', error)
      setFailed(true)
    })
  }

  return (
    <div className="export-menu">
      <button
        type="button"
        className="top-bar__button"
        aria-expanded={open}
        aria-haspopup="menu"
        title={failed ? t('export.failed') : t('export.label')}
        data-failed={failed || undefined}
        data-testid="export-menu"
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
        </svg>
        <span className="top-bar__button-label">{t('export.label')}</span>
      </button>
      {open && (
        <div className="export-menu__list" role="menu">
          <button type="button" role="menuitem" data-testid="export-board-png" onClick={() => run('board', 'png')}>
            {t('export.boardPng')}
          </button>
          <button type="button" role="menuitem" onClick={() => run('board', 'svg')}>
            {t('export.boardSvg')}
          </button>
          <button type="button" role="menuitem" disabled={!hasSelection} onClick={() => run('selection', 'png')}>
            {t('export.selectionPng')}
          </button>
          <button type="button" role="menuitem" disabled={!hasSelection} onClick={() => run('selection', 'svg')}>
            {t('export.selectionSvg')}
          </button>
        </div>
      )}
      {failed && (
        <span className="visually-hidden" role="alert">
          {t('export.failed')}
        </span>
      )}
    </div>
  )
}
