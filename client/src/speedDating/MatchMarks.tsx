import { useState } from 'react'
import { useMessages } from '../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../workshop/WorkshopConnection.ts'
import { loadContact, loadSharedWith, storeSharedWith } from './deviceMemory.ts'
import { failureText, personLabel } from './people.ts'

interface MatchMarksProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  me: string
  /** The people I met in rounds that are over. */
  partners: readonly string[]
}

/**
 * My private follow-up marks, one per person I met, and my mutual matches
 * with whatever contact the other person chose to share. Only my own marks
 * come from the server; nobody else's are ever shown.
 */
export function MatchMarks({ connection, snapshot, me, partners }: MatchMarksProps) {
  const { t } = useMessages()
  const eventId = snapshot.state?.eventId ?? ''
  const [sharedWith, setSharedWith] = useState(() => loadSharedWith(eventId, me))
  const [error, setError] = useState<string | null>(null)
  const directory = snapshot.state?.directory ?? {}
  const marked = snapshot.matches?.marked ?? {}
  const matches = snapshot.matches?.matches ?? []
  const hasContact = loadContact() !== ''

  async function mark(otherId: string, want: boolean, share: boolean) {
    const next = new Set(sharedWith)
    if (share) next.add(otherId)
    else next.delete(otherId)
    setSharedWith(next)
    storeSharedWith(eventId, me, next)
    const result = await connection.send('match:mark', { otherId, want, shareContact: want && share })
    setError(result.ok ? null : failureText(result.error, t))
  }

  if (partners.length === 0 && matches.length === 0) return null
  return (
    <div className="sd-matches">
      {partners.length > 0 && (
        <>
          <h3>{t('match.metTitle')}</h3>
          <p className="sd-hint">{t('match.metIntro')}</p>
          <ul className="sd-met">
            {partners.map((otherId) => {
              const want = marked[otherId]
              const share = sharedWith.has(otherId)
              const label = personLabel(directory, otherId, t)
              return (
                <li key={otherId} className="sd-met__person" data-testid="speed-met">
                  <strong>{label}</strong>
                  <div role="group" aria-label={`${t('match.question')} ${label}`} className="sd-met__question">
                    <span>{t('match.question')}</span>
                    <span className="sd-toggle">
                      <button type="button" aria-pressed={want === true} onClick={() => void mark(otherId, true, share)}>
                        {t('match.yes')}
                      </button>
                      <button type="button" aria-pressed={want === false} onClick={() => void mark(otherId, false, share)}>
                        {t('match.no')}
                      </button>
                    </span>
                  </div>
                  <label className="sd-check">
                    <input type="checkbox" checked={share} disabled={want !== true} onChange={(e) => void mark(otherId, true, e.target.checked)} />
                    {t('match.shareContact')}
                  </label>
                  {want === true && share && !hasContact && <small className="sd-hint">{t('match.noContactSaved')}</small>}
                </li>
              )
            })}
          </ul>
          {error && (
            <p className="sd-status" role="alert" data-kind="failed">
              {error}
            </p>
          )}
        </>
      )}
      <h3>{t('match.listTitle')}</h3>
      {matches.length === 0 ? (
        <p className="sd-hint">{t('match.none')}</p>
      ) : (
        <ul className="sd-match-list" data-testid="speed-matches">
          {matches.map((match) => (
            <li key={match.personId}>
              <strong>{match.organisation ? t('round.person', { name: match.name, organisation: match.organisation }) : match.name}</strong>
              <span>{match.contact ? match.contact : t('match.contactHidden')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
