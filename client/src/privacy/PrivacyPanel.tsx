import { useState, type FormEvent } from 'react'
import { eventSchema } from '../../../shared/api.ts'
import { MAX_RETENTION_DAYS } from '../../../shared/retention.ts'
import { formatGermanDate } from '../../../shared/dates.ts'
import { ApiRequestError } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { errorText } from '../pages/ErrorNotice.tsx'
import type { EventViewProps } from '../pages/console/ConsolePage.tsx'
import { retentionDay } from './retentionDay.ts'
import './privacy.css'

type Status = { status: 'idle' } | { status: 'busy' } | { status: 'saved' } | { status: 'failed'; message: string }

/** How long the event keeps personal data, who answers questions about it, and deleting the whole event. */
export function PrivacyPanel({ event, api, reload }: Pick<EventViewProps, 'event' | 'api' | 'reload'>) {
  const { t } = useMessages()
  const [days, setDays] = useState(String(event.retentionDays))
  const [deleteAtEnd, setDeleteAtEnd] = useState(event.deleteAfterRetention)
  const [contact, setContact] = useState(event.privacyContact ?? '')
  const [confirmTitle, setConfirmTitle] = useState('')
  const [status, setStatus] = useState<Status>({ status: 'idle' })

  const failed = (failure: unknown) => setStatus({ status: 'failed', message: failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic') })
  const save = async (formEvent: FormEvent) => {
    formEvent.preventDefault()
    setStatus({ status: 'busy' })
    try {
      const body = { retentionDays: Number(days), deleteAfterRetention: deleteAtEnd, privacyContact: contact.trim() || null }
      await api.send('PATCH', `/api/events/${event.id}`, body, eventSchema)
      setStatus({ status: 'saved' })
      reload()
    } catch (failure) {
      failed(failure)
    }
  }
  const remove = async () => {
    setStatus({ status: 'busy' })
    try {
      await api.sendNoContent('DELETE', `/api/events/${event.id}`, { confirmTitle })
      window.location.assign('/')
    } catch (failure) {
      failed(failure)
    }
  }

  const day = retentionDay(event)
  const when = event.personalDataRemovedAt
    ? t('privacy.console.done', { date: formatGermanDate(event.personalDataRemovedAt) })
    : t(event.deleteAfterRetention ? 'privacy.console.whenDelete' : 'privacy.console.when', { date: day })
  return (
    <details className="privacy-panel" data-testid="privacy-panel">
      <summary>{t('privacy.console.title')}</summary>
      <p data-testid="retention-when">{when}</p>
      <form className="stack" onSubmit={(formEvent) => void save(formEvent)}>
        <label>
          {t('privacy.console.days')}
          <input type="number" min={0} max={MAX_RETENTION_DAYS} value={days} onChange={(e) => setDays(e.target.value)} required />
        </label>
        <label className="privacy-panel__check">
          <input type="checkbox" checked={deleteAtEnd} onChange={(e) => setDeleteAtEnd(e.target.checked)} />
          {t('privacy.console.deleteAtEnd')}
        </label>
        <label>
          {t('privacy.console.contact')}
          <input value={contact} onChange={(e) => setContact(e.target.value)} maxLength={300} placeholder={t('privacy.console.contactPlaceholder')} />
        </label>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={status.status === 'busy'}>
            {t('agenda.save')}
          </button>
          <span role="status">{status.status === 'saved' ? t('event.saved') : ''}</span>
        </div>
      </form>
      <div className="privacy-panel__danger stack">
        <h3>{t('privacy.console.deleteTitle')}</h3>
        <p>{t('privacy.console.deleteExplain')}</p>
        <label>
          {t('privacy.console.deleteConfirm', { title: event.title })}
          <input value={confirmTitle} onChange={(e) => setConfirmTitle(e.target.value)} autoComplete="off" data-testid="delete-confirm" />
        </label>
        <button
          type="button"
          className="button button--danger"
          disabled={confirmTitle.trim() !== event.title.trim() || status.status === 'busy'}
          onClick={() => void remove()}
          data-testid="delete-event"
        >
          {t('privacy.console.deleteButton')}
        </button>
      </div>
      {status.status === 'failed' && (
        <p className="form-error" role="alert">
          {status.message}
        </p>
      )}
    </details>
  )
}
