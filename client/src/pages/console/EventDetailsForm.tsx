import { useState, type FormEvent } from 'react'
import { eventSchema } from '../../../../shared/api.ts'
import { ApiRequestError } from '../../api/apiClient.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { errorText } from '../ErrorNotice.tsx'
import { EventFields, type EventDetails } from '../EventFields.tsx'
import type { EventViewProps } from './ConsolePage.tsx'

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string }

/** Title, date, place and format of the event, folded away: set once, rarely changed during the day. */
export function EventDetailsForm({ event, api, reload }: Pick<EventViewProps, 'event' | 'api' | 'reload'>) {
  const { t } = useMessages()
  const [details, setDetails] = useState<EventDetails>({ title: event.title, date: event.date ?? '', place: event.place ?? '', mode: event.mode, callUrl: event.callUrl ?? '' })
  const [save, setSave] = useState<SaveState>({ status: 'idle' })

  const submit = async (formEvent: FormEvent) => {
    formEvent.preventDefault()
    setSave({ status: 'saving' })
    const { title, date, place, mode, callUrl } = details
    try {
      await api.send('PATCH', `/api/events/${event.id}`, { title, date: date || null, place: place.trim() || null, mode, callUrl: callUrl.trim() || null }, eventSchema)
      setSave({ status: 'saved' })
      reload()
    } catch (failure) {
      setSave({ status: 'failed', message: failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic') })
    }
  }
  /** Any change after a save clears the "saved" note, so it never speaks for unsaved input. */
  const edit = (next: EventDetails) => {
    setDetails(next)
    setSave({ status: 'idle' })
  }

  return (
    <details className="event-details">
      <summary>{t('event.edit')}</summary>
      <form className="stack" onSubmit={(formEvent) => void submit(formEvent)}>
        <EventFields value={details} onChange={edit} />
        <div className="row">
          <button type="submit" className="button button--primary" disabled={save.status === 'saving' || !details.title.trim()}>
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
