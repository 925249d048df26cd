import { useMessages } from '../../i18n/useMessages.ts'
import { formatMinutes } from '../formatMinutes.ts'
import { useTimerRemaining } from '../useWorkshop.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'

const PRESET_MINUTES = [1, 3, 5, 10] as const

/** Timer presets, +1 minute, pause/resume and stop, with the time as everyone sees it. */
export function TimerControls({ connection, snapshot }: { connection: WorkshopConnection; snapshot: WorkshopSnapshot }) {
  const { t } = useMessages()
  const remaining = useTimerRemaining(snapshot)
  const timer = snapshot.state?.timer
  return (
    <section className="workshop-controls__timer-group" aria-labelledby="workshop-timer-title">
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
