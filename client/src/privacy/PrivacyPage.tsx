import { eventDetailsSchema, whoAmISchema, type EventDetails } from '../../../shared/api.ts'
import { createApiClient } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { useAsync } from '../pages/useAsync.ts'
import { DELETED_PARAM } from './privacyPath.ts'
import { retentionDay } from './retentionDay.ts'
import '../pages/pages.css'
import './privacy.css'

/** The event this device joined, for its dates and contact line; none before joining (or for the admin). */
async function joinedEvent(token: string | null): Promise<EventDetails | null> {
  if (!token) return null
  const api = createApiClient(token)
  const me = await api.get('/api/me', whoAmISchema)
  return me.eventId ? api.get(`/api/events/${me.eventId}`, eventDetailsSchema) : null
}

/** `/datenschutz`: what is stored, why, for how long and whom to ask, in plain words. */
export function PrivacyPage({ token }: { token: string | null }) {
  const { t } = useMessages()
  const loaded = useAsync(() => joinedEvent(token).catch(() => null), [token])
  const event = loaded.status === 'ready' ? loaded.value : null
  const deleted = new URL(window.location.href).searchParams.has(DELETED_PARAM)
  const back = event ? `/e/${event.id}` : '/'
  return (
    <main className="page page--narrow privacy-page">
      {deleted && (
        <p className="notice-box" role="status">
          {t('privacy.lobby.deleted')}
        </p>
      )}
      <h1 className="page__title">{t('privacy.title')}</h1>
      <p>{t('privacy.intro')}</p>
      <h2>{t('privacy.whatTitle')}</h2>
      <ul>
        <li>{t('privacy.what.identity')}</li>
        <li>{t('privacy.what.card')}</li>
        <li>{t('privacy.what.marks')}</li>
        <li>{t('privacy.what.boards')}</li>
        <li>{t('privacy.what.device')}</li>
        <li>{t('privacy.what.local')}</li>
      </ul>
      <h2>{t('privacy.whyTitle')}</h2>
      <p>{t('privacy.why')}</p>
      <h2>{t('privacy.howLongTitle')}</h2>
      <p>{t('privacy.howLong')}</p>
      {event && (
        <p data-testid="privacy-when">
          {t(event.deleteAfterRetention ? 'privacy.howLongEventDelete' : 'privacy.howLongEvent', { title: event.title, date: retentionDay(event) })}
        </p>
      )}
      <h2>{t('privacy.yourRightsTitle')}</h2>
      <p>{t('privacy.yourRights')}</p>
      <h2>{t('privacy.contactTitle')}</h2>
      <p data-testid="privacy-contact">{event?.privacyContact ?? t('privacy.contactNone')}</p>
      {!deleted && (
        <a className="privacy-link" href={back}>
          {t('privacy.back')}
        </a>
      )}
    </main>
  )
}
