import { useEffect, useState } from 'react'
import type { AgendaPhase } from '../../../../shared/agenda.ts'
import { eventSchema } from '../../../../shared/api.ts'
import { ApiRequestError } from '../../api/apiClient.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { useCommand } from '../../workshop/controls/useCommand.ts'
import { errorText } from '../ErrorNotice.tsx'
import type { EventViewProps } from './ConsolePage.tsx'

/** The day's phases in order: the current one highlighted, next/back, and an editor for titles and minutes. */
export function AgendaColumn({ event, api, connection, snapshot, reload }: EventViewProps) {
  const { t } = useMessages()
  const current = snapshot.state?.phaseIndex ?? 0
  const [draft, setDraft] = useState<AgendaPhase[]>(event.agenda)
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const phaseCommand = useCommand(connection, t)
  useEffect(() => setDraft(event.agenda), [event.agenda])

  const save = async () => {
    setError(null)
    try {
      await api.send('PATCH', `/api/events/${event.id}`, { agenda: draft.filter((phase) => phase.title.trim()) }, eventSchema)
      setEditing(false)
      reload()
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
    }
  }
  const change = (index: number, patch: Partial<AgendaPhase>) => setDraft((phases) => phases.map((phase, i) => (i === index ? { ...phase, ...patch } : phase)))
  const move = (index: number, delta: number) =>
    setDraft((phases) => {
      const next = [...phases]
      const [moved] = next.splice(index, 1)
      if (moved) next.splice(Math.min(Math.max(index + delta, 0), next.length), 0, moved)
      return next
    })

  if (editing) {
    return (
      <div className="agenda agenda--editing">
        <h2>{t('console.agenda')}</h2>
        <ol className="agenda__list">
          {draft.map((phase, index) => (
            <li key={index} className="agenda__edit-row">
              <input aria-label={t('agenda.phaseTitle')} value={phase.title} onChange={(e) => change(index, { title: e.target.value })} maxLength={120} />
              <input
                aria-label={t('agenda.minutes')}
                type="number"
                min={0}
                max={1440}
                value={phase.plannedMinutes}
                onChange={(e) => change(index, { plannedMinutes: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
              />
              <button type="button" aria-label={t('agenda.up')} onClick={() => move(index, -1)} disabled={index === 0}>
                ↑
              </button>
              <button type="button" aria-label={t('agenda.down')} onClick={() => move(index, 1)} disabled={index === draft.length - 1}>
                ↓
              </button>
              <button type="button" aria-label={t('agenda.remove')} onClick={() => setDraft((phases) => phases.filter((_, i) => i !== index))}>
                ✕
              </button>
            </li>
          ))}
        </ol>
        <div className="row">
          <button type="button" onClick={() => setDraft((phases) => [...phases, { title: t('agenda.newPhase'), plannedMinutes: 15 }])}>
            {t('agenda.add')}
          </button>
          <button type="button" className="button--primary" onClick={() => void save()}>
            {t('agenda.save')}
          </button>
          <button type="button" onClick={() => (setDraft(event.agenda), setEditing(false))}>
            {t('agenda.cancel')}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    )
  }

  return (
    <div className="agenda">
      <h2>{t('console.agenda')}</h2>
      <ol className="agenda__list">
        {event.agenda.map((phase, index) => (
          <li key={index}>
            <button
              type="button"
              className={index === current ? 'agenda__phase agenda__phase--current' : 'agenda__phase'}
              aria-current={index === current ? 'step' : undefined}
              onClick={() => void phaseCommand.send('phase:set', { index })}
              disabled={phaseCommand.pending}
            >
              <span>{phase.title}</span>
              <span className="agenda__minutes">{t('agenda.minutesShort', { minutes: phase.plannedMinutes })}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" onClick={() => void phaseCommand.send('phase:step', { delta: -1, from: current })} disabled={current === 0 || phaseCommand.pending}>
          {t('agenda.back')}
        </button>
        <button type="button" className="button--primary" onClick={() => void phaseCommand.send('phase:step', { delta: 1, from: current })}
          disabled={current >= event.agenda.length - 1 || phaseCommand.pending}
        >
          {t('agenda.next')}
        </button>
        <button type="button" onClick={() => setEditing(true)}>
          {t('agenda.edit')}
        </button>
      </div>
      {phaseCommand.refusal && (
        <p className="error" role="alert">
          {phaseCommand.refusal}
        </p>
      )}
    </div>
  )
}
