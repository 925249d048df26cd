import { useState } from 'react'
import type { Board } from '../../../shared/api.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { formatMinutes } from '../workshop/formatMinutes.ts'
import { useRoundRemaining } from '../workshop/useWorkshop.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../workshop/WorkshopConnection.ts'
import { failureText } from './people.ts'
import { PitchQueuePanel } from '../pitch/PitchQueuePanel.tsx'
import { RoundPlan } from './RoundPlan.tsx'
import { SpeedDatingSettingsForm } from './SpeedDatingSettingsForm.tsx'
import { SwapForm } from './SwapForm.tsx'
import { useEventBoards } from './useEventBoards.ts'
import './speedDating.css'

export interface SpeedDatingPanelProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  /** The event's boards for the pitch board picker; read from the API when the console does not hand them in. */
  boards?: readonly Board[]
}

/** The facilitator's speed-dating and pitch controls in the console: settings, rounds, swaps, matches, the pitch queue. */
export function SpeedDatingPanel({ connection, snapshot, boards }: SpeedDatingPanelProps) {
  const { t } = useMessages()
  const eventBoards = useEventBoards(snapshot.state?.eventId ?? null, boards)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const speedDating = snapshot.state?.speedDating ?? null
  const rounds = speedDating?.rounds ?? []
  const directory = snapshot.state?.directory ?? {}
  const status = speedDating?.status ?? 'configured'
  const running = rounds.length > 0 && status === 'running'
  const remaining = useRoundRemaining(snapshot)
  const current = rounds.at(-1)

  // The button is disabled while its command is on its way, and "next" names the round it follows, so a second click or a second facilitator cannot start two rounds.
  async function run(send: () => ReturnType<WorkshopConnection['send']>, command: 'speed:next' | 'speed:end' | 'speed:finish') {
    setPending(true)
    const result = await send().finally(() => setPending(false))
    if (result.ok) setError(null)
    else setError(command === 'speed:next' && result.error.code === 'conflict' ? t('panel.notEnough') : failureText(result.error, t))
  }

  return (
    <div className="sd-panel">
      <section className="sd-panel__section" aria-labelledby="speed-dating-title">
        <h2 id="speed-dating-title">{t('speedDating.title')}</h2>
        <p className="sd-panel__facts">
          <span>{t('speedDating.roundsSoFar', { count: rounds.length })}</span>
          <span data-testid="speed-match-count">{t('panel.matchCount', { count: speedDating?.matchCount ?? 0 })}</span>
          <span data-testid="speed-status">
            {running && remaining !== null
              ? t('panel.roundRunning', { number: rounds.length, time: formatMinutes(remaining) })
              : t(`panel.status.${status}`, { number: rounds.length })}
          </span>
        </p>
        <div className="sd-actions">
          {status !== 'ended' && (
            <button
              type="button"
              className="sd-button sd-button--primary"
              onClick={() => void run(() => connection.send('speed:next', { afterRound: rounds.length }), 'speed:next')}
              disabled={pending}
            >
              {t('speedDating.nextRound')}
            </button>
          )}
          {running && (
            <button type="button" className="sd-button" onClick={() => void run(() => connection.send('speed:end', { round: rounds.length }), 'speed:end')} disabled={pending}>
              {t('panel.endRounds')}
            </button>
          )}
          {rounds.length > 0 && status !== 'ended' && (
            <button type="button" className="sd-button" onClick={() => void run(() => connection.send('speed:finish', {}), 'speed:finish')} disabled={pending}>
              {t('panel.finish')}
            </button>
          )}
        </div>
        {error && (
          <p className="sd-status" role="alert" data-kind="failed">
            {error}
          </p>
        )}
        <h3>{t('panel.plan')}</h3>
        <RoundPlan rounds={rounds} running={running} directory={directory} />
        {current && running && <SwapForm connection={connection} round={current} directory={directory} />}
        <details className="sd-panel__more">
          <summary>{t('panel.settings')}</summary>
          <SpeedDatingSettingsForm connection={connection} settings={speedDating?.settings} />
        </details>
      </section>
      <PitchQueuePanel connection={connection} snapshot={snapshot} boards={eventBoards.boards} onBoardPickerFocus={eventBoards.refresh} />
    </div>
  )
}
