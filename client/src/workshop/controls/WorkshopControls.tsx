import type { Board } from '../../../../shared/api.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'
import { useTimerRemaining } from '../useWorkshop.ts'

export interface WorkshopControlsProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  /** The event's boards, for the controls that act on one (spotlight, lock, vote). */
  boards: readonly Board[]
}

const PRESET_MINUTES = [1, 3, 5, 10] as const

/** The facilitator's controls of the moment, the console's right column. */
export function WorkshopControls({ connection, snapshot }: WorkshopControlsProps) {
  const { t } = useMessages()
  const remaining = useTimerRemaining(snapshot)
  const timer = snapshot.state?.timer
  return (
    <section className="workshop-controls" aria-labelledby="workshop-timer-title">
      <h2 id="workshop-timer-title">{t('workshop.timer.title')}</h2>
      <p className="workshop-controls__timer" data-testid="console-timer" data-status={timer?.status ?? 'idle'}>
        {remaining === null ? t('workshop.timer.none') : formatMinutes(remaining)}
      </p>
      <div className="workshop-controls__row">
        {PRESET_MINUTES.map((minutes) => (
          <button key={minutes} type="button" onClick={() => void connection.send('timer:start', { durationMs: minutes * 60_000 })}>
            {t('workshop.timer.minutes', { minutes })}
          </button>
        ))}
        <button type="button" onClick={() => void connection.send('timer:add', { ms: 60_000 })}>
          {t('workshop.timer.plusOne')}
        </button>
        {timer?.status === 'running' && (
          <button type="button" onClick={() => void connection.send('timer:pause', {})}>
            {t('workshop.timer.pause')}
          </button>
        )}
        {timer?.status === 'paused' && (
          <button type="button" onClick={() => void connection.send('timer:resume', {})}>
            {t('workshop.timer.resume')}
          </button>
        )}
        {timer && timer.status !== 'idle' && (
          <button type="button" onClick={() => void connection.send('timer:stop', {})}>
            {t('workshop.timer.stop')}
          </button>
        )}
      </div>
    </section>
  )
}

/** Minutes and seconds, rounded up so the display reaches 0:00 exactly when the time is over. */
export function formatMinutes(ms: number): string {
  const total = Math.ceil(ms / 1000)
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}
