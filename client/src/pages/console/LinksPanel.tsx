import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import { createdLinkSchema, linkSchema, type CreatedLink, type LinkInfo } from '../../../../shared/api.ts'
import type { LinkRole } from '../../../../shared/roles.ts'
import { ApiRequestError } from '../../api/apiClient.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { errorText } from '../ErrorNotice.tsx'
import type { EventViewProps } from './ConsolePage.tsx'

const ROLES: readonly LinkRole[] = ['participant', 'viewer', 'facilitator']

/**
 * Links of the event. A link's token is shown once, when it is created (the
 * server keeps only its hash); the participant code and its QR code for the
 * projector stay readable.
 */
export function LinksPanel({ event, api }: EventViewProps) {
  const { t } = useMessages()
  const [links, setLinks] = useState<LinkInfo[]>([])
  const [fresh, setFresh] = useState<CreatedLink[]>([])
  const [error, setError] = useState<string | null>(null)
  const [refresh, setRefresh] = useState(0)
  useEffect(() => {
    api.get(`/api/events/${event.id}/links`, z.array(linkSchema)).then(setLinks, (failure: unknown) => {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
    })
  }, [api, event.id, refresh, t])

  const create = async (role: LinkRole) => {
    setError(null)
    try {
      const link = await api.send('POST', `/api/events/${event.id}/links`, { role }, createdLinkSchema)
      setFresh((list) => [link, ...list])
      setRefresh((n) => n + 1)
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
    }
  }
  const revoke = async (link: LinkInfo) => {
    if (!window.confirm(t('links.revokeConfirm'))) return
    setError(null)
    try {
      await api.sendNoContent('DELETE', `/api/events/${event.id}/links/${link.id}`)
      setFresh((list) => list.filter((item) => item.id !== link.id))
    } catch (failure) {
      setError(failure instanceof ApiRequestError ? errorText(failure, t) : t('pages.error.generic'))
    }
    setRefresh((n) => n + 1)
  }

  const joinUrl = `${window.location.origin}/`
  const participantCode = links.find((link) => link.role === 'participant' && !link.revoked && link.code)?.code ?? null
  return (
    <section className="links-panel" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <div className="row row--wrap">
        {ROLES.map((role) => (
          <button key={role} type="button" onClick={() => void create(role)} data-testid={`create-link-${role}`}>
            {t(`links.create.${role}`)}
          </button>
        ))}
      </div>
      {fresh.map((link) => (
        <FreshLink key={link.id} link={link} participantCode={participantCode} />
      ))}
      <ul className="link-list">
        {links
          .filter((link) => !link.revoked)
          .map((link) => (
            <li key={link.id} className="link-list__item">
              <span>{t(`links.role.${link.role}`)}</span>
              {link.code && <JoinCode code={link.code} joinUrl={joinUrl} />}
              <button type="button" onClick={() => void revoke(link)}>
                {t('links.revoke')}
              </button>
            </li>
          ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

/** A just-created link with its one-time URL to copy (a projector link carries the join code for the big screen). */
function FreshLink({ link, participantCode }: { link: CreatedLink; participantCode: string | null }) {
  const { t } = useMessages()
  const [copied, setCopied] = useState(false)
  const url = link.role === 'viewer' && participantCode ? `${link.url}&code=${participantCode}` : link.url
  return (
    <div className="fresh-link" data-testid={`fresh-link-${link.role}`}>
      <p>{t('links.fresh', { role: t(`links.role.${link.role}`) })}</p>
      <textarea readOnly rows={3} value={url} aria-label={t('links.url')} onFocus={(e) => e.target.select()} data-testid="fresh-link-url" />
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? t('links.copied') : t('links.copy')}
      </button>
    </div>
  )
}

function JoinCode({ code, joinUrl }: { code: string; joinUrl: string }) {
  const { t } = useMessages()
  const [qr, setQr] = useState<string | null>(null)
  useEffect(() => {
    QRCode.toDataURL(joinUrl, { margin: 1, width: 160 }).then(setQr, () => setQr(null))
  }, [joinUrl])
  return (
    <span className="join-code">
      <strong className="join-code__value" data-testid="participant-code" aria-label={t('links.codeLabel', { code: code.split('').join(' ') })}>
        {code}
      </strong>
      {qr && <img className="join-code__qr" src={qr} alt={t('links.qrAlt', { url: joinUrl })} width={96} height={96} />}
    </span>
  )
}
