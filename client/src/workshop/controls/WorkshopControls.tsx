import '../workshop.css'
import { useState } from 'react'
import type { Board } from '../../../../shared/api.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'
import { LockControls } from './LockControls.tsx'
import { SilentRoundControls } from './SilentRoundControls.tsx'
import { TimerControls } from './TimerControls.tsx'
import { VoteControls } from './VoteControls.tsx'

export { formatMinutes } from '../formatMinutes.ts'

export interface WorkshopControlsProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  /** The event's boards, for the controls that act on one (spotlight, lock, vote). */
  boards: readonly Board[]
}

/**
 * The facilitator's controls of the moment, the console's right column.
 * Bringing everyone to a view needs the view: that starts on the board
 * itself (its moderation panel); here it can be ended.
 */
export function WorkshopControls({ connection, snapshot, boards }: WorkshopControlsProps) {
  const { t } = useMessages()
  const open = boards.filter((board) => !board.archived)
  const [chosen, setChosen] = useState<string | null>(null)
  const boardId = chosen ?? snapshot.state?.vote?.boardId ?? snapshot.state?.spotlight?.boardId ?? open[0]?.id ?? null
  const spotlight = snapshot.state?.spotlight
  return (
    <section className="workshop-controls" aria-label={t('workshop.controls.title')}>
      <TimerControls connection={connection} snapshot={snapshot} />
      <label className="workshop-controls__toggle">
        <input
          type="checkbox"
          checked={snapshot.state?.joinCardVisible ?? true}
          onChange={(event) => void connection.send('joincard:show', { visible: event.target.checked })}
          data-testid="join-card-toggle"
        />{' '}
        {t('workshop.joinCard.show')}
      </label>
      {spotlight && (
        <section className="workshop-tools__group" aria-labelledby="console-spotlight-title">
          <h3 id="console-spotlight-title">{t('workshop.spotlight.title')}</h3>
          <p className="workshop-tools__state">{spotlight.target === 'projector' ? t('workshop.spotlight.activeProjector') : spotlight.mode === 'follow' ? t('workshop.spotlight.activeFollow') : t('workshop.spotlight.activeOnce')}</p>
          <button type="button" onClick={() => void connection.send('spotlight:end', {})}>
            {t('workshop.spotlight.end')}
          </button>
        </section>
      )}
      {boardId && (
        <>
          <label className="workshop-controls__board">
            {t('workshop.controls.board')}{' '}
            <select value={boardId} onChange={(event) => setChosen(event.target.value)}>
              {open.map((board) => (
                <option key={board.id} value={board.id}>
                  {board.title}
                  {snapshot.state?.locks[board.id] ? ' 🔒' : ''}
                </option>
              ))}
            </select>
          </label>
          <LockControls connection={connection} snapshot={snapshot} boardId={boardId} />
          <SilentRoundControls connection={connection} snapshot={snapshot} boardId={boardId} />
          <VoteControls connection={connection} snapshot={snapshot} boardId={boardId} />
        </>
      )}
    </section>
  )
}
