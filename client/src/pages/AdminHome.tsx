import { formatGermanDate } from '../../../shared/dates.ts'
import { useState, type FormEvent } from 'react'
import { z } from 'zod'
import { eventSchema } from '../../../shared/api.ts'
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from '../../../shared/retention.ts'
import { ApiRequestError, createApiClient } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { retentionDay } from '../privacy/retentionDay.ts'
import { errorText } from './ErrorNotice.tsx'
import { EventFields, type EventDetails } from './EventFields.tsx'
import { useAsync } from './useAsync.ts'

/** The admin's start: every event on this server, and a new one starting from the CrossInnovation agenda. */
export function AdminHome({ token }: { token: string }) {
  const { t } = useMessages()
  const api = createApiClient(token)
  const [refresh, setRefresh] = useState(0)
  const events = useAsync(() => api.get('/api/events', z.array(eventSchema)), [token, refresh])
  const [details, setDetails] = useState<EventDetails>({ title: '', date: '', place: '', mode: 'vor-ort', callUrl: '' })
  const [retentionDays, setRetentionDays] = useState(String(DEFAULT_RETENTION_DAYS))
  const [error, setError] = useState<string | null>(null)

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      const { title, date, place, mode, callUrl } = details
      const created = await api.send('POST', '/api/events', { title, date: date || undefined, place: place || undefined, mode, callUrl: callUrl.trim() || undefined, retentionDays: Number(retentionDays) }, eventSchema)
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
              <span className="event-list__meta">
                {[
                  item.date && formatGermanDate(item.date),
                  item.place,
                  item.personalDataRemovedAt ? t('privacy.admin.removed') : t('privacy.admin.until', { date: retentionDay(item) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="stack" onSubmit={(event) => void create(event)}>
        <h3>{t('admin.newEvent')}</h3>
        <EventFields value={details} onChange={setDetails} titleTestId="new-event-title" />
        <label>
          {t('privacy.console.days')}
          <input type="number" min={0} max={MAX_RETENTION_DAYS} value={retentionDays} onChange={(e) => setRetentionDays(e.target.value)} required aria-describedby="new-event-retention-hint" />
          <small id="new-event-retention-hint">{t('privacy.admin.retentionHint')}</small>
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
