import './workshop.css'
import { useEffect, useRef, useState } from 'react'
import type { AgendaPhase } from '../../../shared/agenda.ts'
import type { Translate } from '../i18n/useMessages.ts'
import { formatMinutes } from './formatMinutes.ts'
import { SoundIcon } from './icons.tsx'
import { loadTimerMuted, playTimerChime, storeTimerMuted } from './timerCue.ts'
import { useRoundRemaining, useTimerRemaining } from './useWorkshop.ts'
import type { WorkshopSnapshot } from './WorkshopConnection.ts'

const BLINK_FROM_MS = 10_000

interface PhaseTimerProps {
  snapshot: WorkshopSnapshot
  agenda: readonly AgendaPhase[]
  /** The projector shows it large in a corner and has no mute toggle of its own (the room hears it). */
  variant: 'bar' | 'projector'
  t: Translate
}

/** The current phase and the shared timer, rendered from the server's end time so every device shows the same second. */
export function PhaseTimer({ snapshot, agenda, variant, t }: PhaseTimerProps) {
  const general = useTimerRemaining(snapshot)
  const round = useRoundRemaining(snapshot)
  const generalStatus = snapshot.state?.timer.status ?? 'idle'
  // During speed-dating the round's own timer shows, unless the facilitator runs the general timer alongside.
  const showsRound = round !== null && generalStatus !== 'running' && generalStatus !== 'paused'
  const remaining = showsRound ? round : general
  const [muted, setMuted] = useState(() => (variant === 'projector' ? false : loadTimerMuted()))
  const [finishedCue, setFinishedCue] = useState(false)
  const announcement = minuteAnnouncement(remaining, t)
  const previous = useRef<number | null>(null)

  useEffect(() => {
    const before = previous.current
    previous.current = remaining
    if (remaining === 0 && before !== null && before > 0) {
      setFinishedCue(true)
      if (!muted) playTimerChime()
      const clear = setTimeout(() => setFinishedCue(false), 4000)
      return () => clearTimeout(clear)
    }
  }, [remaining, muted])

  const phase = snapshot.state ? agenda[snapshot.state.phaseIndex] : undefined
  const blinking = remaining !== null && remaining > 0 && remaining <= BLINK_FROM_MS && (showsRound || generalStatus === 'running')
  return (
    <div className={`phase-timer phase-timer--${variant}`} data-testid="phase-timer">
      {phase ? (
        <span className="phase-timer__phase" data-testid="phase-title">
          {phase.title}
        </span>
      ) : (
        variant === 'bar' && <span className="top-bar__title">{t('app.name')}</span>
      )}
      {remaining !== null && (
        <span
          className="phase-timer__time"
          data-testid="board-timer"
          data-status={showsRound ? 'running' : generalStatus}
          data-blink={blinking || undefined}
          data-finished={finishedCue || undefined}
          aria-label={t('workshop.timer.remainingLabel', { time: formatMinutes(remaining) })}
          role="timer"
        >
          {formatMinutes(remaining)}
        </span>
      )}
      {variant === 'bar' && remaining !== null && (
        <button
          type="button"
          className="phase-timer__mute"
          aria-pressed={muted}
          aria-label={muted ? t('workshop.timer.unmute') : t('workshop.timer.mute')}
          title={muted ? t('workshop.timer.unmute') : t('workshop.timer.mute')}
          onClick={() => {
            storeTimerMuted(!muted)
            setMuted(!muted)
          }}
        >
          <SoundIcon muted={muted} />
        </button>
      )}
      <span className="visually-hidden" aria-live="polite" data-testid="timer-announcement">
        {announcement}
      </span>
    </div>
  )
}

/** Screen readers hear the timer at each full minute and at the end: the live text only changes then, not every second. */
function minuteAnnouncement(remaining: number | null, t: Translate): string {
  if (remaining === null) return ''
  const minutesLeft = Math.ceil(remaining / 60_000)
  return minutesLeft === 0 ? t('workshop.timer.over') : t('workshop.timer.minutesLeft', { minutes: minutesLeft })
}
