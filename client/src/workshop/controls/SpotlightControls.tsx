import { useEffect, useState } from 'react'
import type { Editor } from 'tldraw'
import type { FollowTarget } from '../../../../shared/workshop/index.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'
import { useCommand } from './useCommand.ts'

/** About four updates a second: smooth enough to follow, light enough for 80 phones. */
const LEAD_INTERVAL_MS = 250

function viewportOf(editor: Editor) {
  const { x, y, w, h } = editor.getViewportPageBounds()
  return { x, y, w, h }
}

/**
 * The facilitator's view as the room's: bring everyone here once, let them
 * follow (the facilitator's camera is sent along while it lasts), show it on
 * the projector only, and end it.
 */
export function SpotlightControls({ connection, snapshot, boardId, editor }: { connection: WorkshopConnection; snapshot: WorkshopSnapshot; boardId: string; editor: Editor }) {
  const { t } = useMessages()
  const { send, refusal } = useCommand(connection, t)
  const spotlight = snapshot.state?.spotlight ?? null
  const [leading, setLeading] = useState<FollowTarget | null>(null)
  const active = spotlight?.mode === 'follow' && spotlight.boardId === boardId ? spotlight : null
  const leadTarget = active && leading === active.target ? leading : null

  useEffect(() => {
    if (!leadTarget) return
    let last = viewportOf(editor)
    const interval = setInterval(() => {
      const now = viewportOf(editor)
      if (now.x === last.x && now.y === last.y && now.w === last.w && now.h === last.h) return
      last = now
      void connection.send('spotlight:start', { boardId, viewport: now, mode: 'follow', target: leadTarget })
    }, LEAD_INTERVAL_MS)
    return () => clearInterval(interval)
  }, [leadTarget, editor, connection, boardId])

  const start = (mode: 'once' | 'follow', target: FollowTarget) => {
    setLeading(mode === 'follow' ? target : null)
    void send('spotlight:start', { boardId, viewport: viewportOf(editor), mode, target })
  }

  return (
    <section className="workshop-tools__group" aria-labelledby="spotlight-title">
      <h3 id="spotlight-title">{t('workshop.spotlight.title')}</h3>
      {spotlight && (
        <p className="workshop-tools__state" data-testid="spotlight-state">
          {spotlight.target === 'projector' ? t('workshop.spotlight.activeProjector') : spotlight.mode === 'follow' ? t('workshop.spotlight.activeFollow') : t('workshop.spotlight.activeOnce')}
        </p>
      )}
      <div className="workshop-tools__row">
        <button type="button" onClick={() => start('once', 'everyone')}>
          {t('workshop.spotlight.bringHere')}
        </button>
        <button type="button" aria-pressed={leadTarget === 'everyone'} onClick={() => start('follow', 'everyone')}>
          {t('workshop.spotlight.follow')}
        </button>
        <button type="button" aria-pressed={leadTarget === 'projector'} onClick={() => start('follow', 'projector')}>
          {t('workshop.spotlight.projectorOnly')}
        </button>
        {spotlight && (
          <button
            type="button"
            onClick={() => {
              setLeading(null)
              void send('spotlight:end', {})
            }}
          >
            {t('workshop.spotlight.end')}
          </button>
        )}
      </div>
      {refusal && <p className="workshop-tools__refusal" role="alert">{refusal}</p>}
    </section>
  )
}
