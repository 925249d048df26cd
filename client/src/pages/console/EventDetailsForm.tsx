import { useState, type FormEvent } from 'react'
import { EVENT_MODES, eventModeSchema, eventSchema, type EventMode } from '../../../../shared/api.ts'
import { ApiRequestError } from '../../api/apiClient.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { errorText } from '../ErrorNotice.tsx'
import type { EventViewProps } from './ConsolePage.tsx'

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string }

/** Title, date, place and format of the event, folded away: set once, rarely changed during the day. */
export function EventDetailsForm({ event, api, reload }: Pick<EventViewProps, 'event' | 'api' | 'reload'>) {
  const { t } = useMessages()
  const [title, setTitle] = useState(event.title)
  const [date, setDate] = useState(event.date ?? '')
  const [place, setPlace] = useState(event.place ?? '')
  const [mode, setMode] = useState<EventMode>(event.mode)
  const [save, setSave] = useState<SaveState>({ status: 'idle' })

  const submit = async (formEvent: FormEvent) => {
    formEvent.preventDefault()
    setSave({ status: 'saving' })
    try {
      await api.send('PATCH', `/api/events/${event.id}`, { title, date: date || null, place: place.trim() || null, mode }, eventSchema)
      setSave({ status: 'saved' })
      reload()
    } catch (failure) {
      setSave({ status: 'failed', message: failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic') })
    }
  }
  /** Any change after a save clears the "saved" note, so it never speaks for unsaved input. */
  const edit = <T,>(set: (value: T) => void, value: T) => {
    set(value)
    setSave({ status: 'idle' })
  }

  return (
    <details className="event-details">
      <summary>{t('event.edit')}</summary>
      <form className="stack" onSubmit={(formEvent) => void submit(formEvent)}>
        <label>
          {t('event.title')}
          <input value={title} onChange={(e) => edit(setTitle, e.target.value)} required maxLength={200} />
        </label>
        <label>
          {t('event.date')}
          <input type="date" value={date} onChange={(e) => edit(setDate, e.target.value)} />
        </label>
        <label>
          {t('event.place')}
          <input value={place} onChange={(e) => edit(setPlace, e.target.value)} maxLength={200} />
        </label>
        <label>
          {t('event.mode')}
          <select value={mode} onChange={(e) => edit(setMode, eventModeSchema.parse(e.target.value))}>
            {EVENT_MODES.map((value) => (
              <option key={value} value={value}>
                {t(`event.mode.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={save.status === 'saving' || !title.trim()}>
            {t('agenda.save')}
          </button>
          <span role="status">{save.status === 'saved' ? t('event.saved') : ''}</span>
        </div>
        {save.status === 'failed' && (
          <p className="form-error" role="alert">
            {save.message}
          </p>
        )}
      </form>
    </details>
  )
}
