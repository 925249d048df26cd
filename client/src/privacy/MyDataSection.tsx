import { useState } from 'react'
import { myDataSchema, type MyData } from '../../../shared/privacy.ts'
import { formatGermanDate, exportFileName } from '../../../shared/dates.ts'
import { SIDE_INFO } from '../../../shared/sides.ts'
import { forgetAccessToken } from '../access/accessToken.ts'
import { forgetAllBoardCopies } from '../collab/localBoardCopies.ts'
import { ApiRequestError, type ApiClient } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { errorText } from '../pages/ErrorNotice.tsx'
import { storeContact } from '../speedDating/deviceMemory.ts'
import { userProfile } from '../user/userProfile.ts'
import { PRIVACY_PATH, DELETED_PARAM } from './privacyPath.ts'
import './privacy.css'

/** The lobby's "Your data": what the server keeps about me, as a file, and deleting it. */
export function MyDataSection({ eventId, api }: { eventId: string; api: ApiClient }) {
  const { t, locale } = useMessages()
  const [data, setData] = useState<MyData | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const attempt = async (action: () => Promise<void>) => {
    setError(null)
    try {
      await action()
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
    }
  }
  const show = () => attempt(async () => setData(await api.get(`/api/events/${eventId}/my-data`, myDataSchema)))
  const download = () => {
    if (!data) return
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
    const link = document.createElement('a')
    link.href = url
    link.download = `${exportFileName(`${data.event.title} ${t('privacy.lobby.title')}`, new Date())}.json`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  const remove = () =>
    attempt(async () => {
      await api.sendNoContent('DELETE', `/api/events/${eventId}/my-data`)
      // What this device remembers of the person goes too: name, contact and the link itself.
      userProfile.update({ name: null })
      storeContact('')
      forgetAccessToken()
      await forgetAllBoardCopies()
      window.location.assign(`${PRIVACY_PATH}?${DELETED_PARAM}=1`)
    })

  const card = data?.profile
  return (
    <details className="my-data" data-testid="my-data">
      <summary>{t('privacy.lobby.title')}</summary>
      {!data && (
        <button type="button" onClick={() => void show()}>
          {t('privacy.lobby.show')}
        </button>
      )}
      {data && (
        <>
          {card ? (
            <dl>
              <dt>{t('privacy.lobby.name')}</dt>
              <dd>{card.name}</dd>
              <dt>{t('privacy.lobby.side')}</dt>
              <dd>{SIDE_INFO[card.side].label[locale]}</dd>
              <dt>{t('profile.organisation')}</dt>
              <dd>{card.organisation || '–'}</dd>
              <dt>{t('profile.offer')}</dt>
              <dd>{card.offer || '–'}</dd>
              <dt>{t('profile.seek')}</dt>
              <dd>{card.seek || '–'}</dd>
              <dt>{t('privacy.lobby.tags')}</dt>
              <dd>{card.tags.map((tag) => `#${tag}`).join(' ') || '–'}</dd>
              <dt>{t('privacy.lobby.contact')}</dt>
              <dd>{card.contact || '–'}</dd>
            </dl>
          ) : (
            <p>
              {t('privacy.lobby.noCard')} {t('privacy.lobby.nameOnly')}
            </p>
          )}
          <h3>{t('privacy.lobby.marks')}</h3>
          {data.marks.length === 0 ? (
            <p>{t('privacy.lobby.noMarks')}</p>
          ) : (
            <ul>
              {data.marks.map((mark) => (
                <li key={mark.personId}>
                  {mark.name ?? '?'}: {t(mark.followUp ? 'privacy.lobby.markFollowUp' : 'privacy.lobby.markNo')}
                </li>
              ))}
            </ul>
          )}
          <p>{t('privacy.lobby.notes', { count: data.notes.length })}</p>
          <p>{t('privacy.lobby.removedAfter', { date: formatGermanDate(data.removedAfter) })}</p>
          <div className="row row--wrap">
            <button type="button" onClick={download}>
              {t('privacy.lobby.download')}
            </button>
          </div>
        </>
      )}
      <div className="stack">
        {!confirming ? (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)} data-testid="delete-my-data">
            {t('privacy.lobby.delete')}
          </button>
        ) : (
          <>
            <p role="alert">{t('privacy.lobby.deleteConfirm')}</p>
            <div className="row row--wrap">
              <button type="button" className="button button--danger" onClick={() => void remove()} data-testid="delete-my-data-yes">
                {t('privacy.lobby.deleteYes')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('agenda.cancel')}
              </button>
            </div>
          </>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </details>
  )
}
