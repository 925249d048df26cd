import { useState } from 'react'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'
import { useCommand } from './useCommand.ts'

const TIMER_MINUTES = [2, 5, 10] as const

/** Start a silent round on a board, see how many notes each person has (never their text), reveal or end it. */
export function SilentRoundControls({ connection, snapshot, boardId }: { connection: WorkshopConnection; snapshot: WorkshopSnapshot; boardId: string }) {
  const { t } = useMessages()
  const { send, refusal, pending } = useCommand(connection, t)
  const [minutes, setMinutes] = useState<number | null>(TIMER_MINUTES[0])
  const round = snapshot.state?.silentRound ?? null
  const here = round?.boardId === boardId ? round : null
  const nameOf = (personId: string) =>
    snapshot.state?.directory[personId]?.name ?? snapshot.roster?.find((entry) => entry.personId === personId)?.name ?? '?'
  return (
    <section className="workshop-tools__group" aria-labelledby={`silent-${boardId}`} data-testid="silent-round-controls">
      <h3 id={`silent-${boardId}`}>{t('workshop.silent.title')}</h3>
      {round && !here && (
        <p className="workshop-tools__state" data-testid="silent-round-elsewhere">
          {round.status === 'running' ? t('workshop.silent.elsewhere') : t('workshop.silent.unrevealedElsewhere', { total: round.total })}
        </p>
      )}
      {here && (
        <p className="workshop-tools__state" data-testid="silent-round-state" data-status={here.status}>
          {t(here.status === 'running' ? 'workshop.silent.running' : 'workshop.silent.ended', { total: here.total })}
        </p>
      )}
      {here && Object.keys(here.counts).length > 0 && (
        <ul className="workshop-tools__list" data-testid="silent-round-counts">
          {Object.entries(here.counts).map(([personId, count]) => (
            <li key={personId}>
              {t('workshop.silent.count', { name: nameOf(personId), count })}{' '}
              <button type="button" disabled={pending} onClick={() => void send('silent:reveal', { personId })}>
                {t('workshop.silent.revealOne')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {round?.status !== 'running' && (here || !round || round.total === 0) && (
        <div className="workshop-tools__row">
          <select value={minutes ?? ''} onChange={(event) => setMinutes(event.target.value ? Number(event.target.value) : null)} aria-label={t('workshop.timer.title')}>
            {TIMER_MINUTES.map((value) => (
              <option key={value} value={value}>
                {t('workshop.timer.minutes', { minutes: value })}
              </option>
            ))}
            <option value="">{t('workshop.silent.noTimer')}</option>
          </select>
          <button type="button" disabled={pending} data-testid="silent-round-start" onClick={() => void send('silent:start', { boardId, durationMs: minutes === null ? null : minutes * 60_000 })}>
            {t('workshop.silent.start')}
          </button>
        </div>
      )}
      {here && (
        <div className="workshop-tools__row">
          <button type="button" disabled={pending} data-testid="silent-round-reveal" onClick={() => void send('silent:reveal', {})}>
            {t('workshop.silent.revealAll')}
          </button>
          {here.status === 'running' && (
            <button type="button" disabled={pending} onClick={() => void send('silent:end', {})}>
              {t('workshop.silent.end')}
            </button>
          )}
        </div>
      )}
      {refusal && <p className="workshop-tools__refusal" role="alert">{refusal}</p>}
    </section>
  )
}
