import { useState, type FormEvent } from 'react'
import { z } from 'zod'
import { EVENT_MODES, eventModeSchema, eventSchema, type EventMode } from '../../../shared/api.ts'
import { ApiRequestError, createApiClient } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { errorText } from './ErrorNotice.tsx'
import { useAsync } from './useAsync.ts'

/** The admin's start: every event on this server, and a new one starting from the CrossInnovation agenda. */
export function AdminHome({ token }: { token: string }) {
  const { t } = useMessages()
  const api = createApiClient(token)
  const [refresh, setRefresh] = useState(0)
  const events = useAsync(() => api.get('/api/events', z.array(eventSchema)), [token, refresh])
  const [title, setTitle] = useState('')
  const [date, setDate] = useState('')
  const [place, setPlace] = useState('')
  const [mode, setMode] = useState<EventMode>('vor-ort')
  const [error, setError] = useState<string | null>(null)

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      const created = await api.send('POST', '/api/events', { title, date: date || undefined, place: place || undefined, mode }, eventSchema)
      window.location.assign(`/e/${created.id}`)
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
      setRefresh((n) => n + 1)
    }
  }

  return (
    <section className="admin-home" aria-labelledby="admin-home-title">
      <h2 id="admin-home-title">{t('admin.title')}</h2>
      {events.status === 'ready' && events.value.length > 0 && (
        <ul className="event-list">
          {events.value.map((item) => (
            <li key={item.id}>
              <a href={`/e/${item.id}`}>{item.title}</a>
              <span className="event-list__meta">{[item.date, item.place].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={(event) => void create(event)}>
        <h3>{t('admin.newEvent')}</h3>
        <label>
          {t('event.title')}
          <input value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={200} data-testid="new-event-title" />
        </label>
        <label>
          {t('event.date')}
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </label>
        <label>
          {t('event.place')}
          <input value={place} onChange={(event) => setPlace(event.target.value)} maxLength={200} />
        </label>
        <label>
          {t('event.mode')}
          <select value={mode} onChange={(event) => setMode(eventModeSchema.parse(event.target.value))}>
            {EVENT_MODES.map((value) => (
              <option key={value} value={value}>
                {t(`event.mode.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary">
          {t('admin.create')}
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  )
}
