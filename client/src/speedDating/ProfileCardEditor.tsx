import { useState, type FormEvent } from 'react'
import type { Side } from '../../../shared/sides.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../workshop/WorkshopConnection.ts'
import { loadContact, storeContact } from './deviceMemory.ts'
import { failureText, sideLabel } from './people.ts'
import { TagInput } from './TagInput.tsx'
import './speedDating.css'

/** Name and side as the person gave them when joining: asked once, carried onto the card. */
export interface Identity {
  name: string
  side: Side
}

export interface ProfileCardEditorProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  identity: Identity
}

interface Draft {
  organisation: string
  offer: string
  seek: string
  tags: string[]
  contact: string
}

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; text: string }

/**
 * The participant's profile card, phone first: who they are, what they
 * offer and seek. Folded away until they want it; prefilled from what they
 * saved before, the contact from this device because it is never broadcast.
 */
export function ProfileCardEditor({ connection, snapshot, identity }: ProfileCardEditorProps) {
  const { t } = useMessages()
  const saved = snapshot.me ? snapshot.state?.directory[snapshot.me] : undefined
  return (
    <details className="sd-profile">
      <summary className="sd-profile__summary">
        {!saved
          ? t('profile.summaryEmpty')
          : saved.organisation
            ? t('profile.summarySaved', { name: saved.name, organisation: saved.organisation })
            : t('profile.summaryName', { name: saved.name })}
      </summary>
      <ProfileCardForm connection={connection} saved={saved} identity={identity} />
    </details>
  )
}

type SavedCard = Omit<Draft, 'contact'> | undefined

/** A card saved before wins; the contact is remembered on this device only. */
function initialDraft(saved: SavedCard): Draft {
  return {
    organisation: saved?.organisation ?? '',
    offer: saved?.offer ?? '',
    seek: saved?.seek ?? '',
    tags: saved ? [...saved.tags] : [],
    contact: loadContact(),
  }
}

function ProfileCardForm({ connection, saved, identity }: { connection: WorkshopConnection; saved: SavedCard; identity: Identity }) {
  const { locale, t } = useMessages()
  const [draft, setDraft] = useState<Draft>(() => initialDraft(saved))
  const [dirty, setDirty] = useState(false)
  const [seen, setSeen] = useState(saved)
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  // The saved card arrives after the first render (and changes when saved from another tab); take it over unless the person is typing.
  if (saved !== seen) {
    setSeen(saved)
    if (!dirty) setDraft(initialDraft(saved))
  }
  const change = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }))
    setDirty(true)
    setStatus({ kind: 'idle' })
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    // Name and side were given once, when joining; the card carries them along.
    const { name, side } = identity
    if (!name.trim()) {
      setStatus({ kind: 'failed', text: t('profile.nameMissing') })
      return
    }
    setStatus({ kind: 'saving' })
    const result = await connection.send('profile:save', { card: { ...draft, name, side } })
    if (result.ok) {
      storeContact(draft.contact.trim())
      setDirty(false)
      setStatus({ kind: 'saved' })
    } else {
      setStatus({ kind: 'failed', text: failureText(result.error, t) })
    }
  }

  return (
    <form className="sd-form" onSubmit={(event) => void save(event)} noValidate>
      <p className="sd-hint">{t('profile.intro')}</p>
      <p className="sd-field" data-testid="profile-identity">
        {t('profile.as', { name: identity.name, side: sideLabel(identity.side, locale) })}
      </p>
      <label className="sd-field">
        <span>{t('profile.organisation')}</span>
        <input
          value={draft.organisation}
          maxLength={100}
          autoComplete="organization"
          placeholder={t('profile.organisationHint')}
          onChange={(e) => change({ organisation: e.target.value })}
        />
      </label>
      <label className="sd-field">
        <span>{t('profile.offer')}</span>
        <textarea value={draft.offer} maxLength={500} rows={3} onChange={(e) => change({ offer: e.target.value })} />
      </label>
      <label className="sd-field">
        <span>{t('profile.seek')}</span>
        <textarea value={draft.seek} maxLength={500} rows={3} onChange={(e) => change({ seek: e.target.value })} />
      </label>
      <TagInput tags={draft.tags} onChange={(tags) => change({ tags })} />
      <label className="sd-field">
        <span>{t('profile.contact')}</span>
        <input
          value={draft.contact}
          maxLength={200}
          autoComplete="email"
          aria-describedby="profile-contact-hint"
          onChange={(e) => change({ contact: e.target.value })}
        />
        <small id="profile-contact-hint" className="sd-hint">
          {t('profile.contactHint')}
        </small>
      </label>
      <div className="sd-actions">
        <button type="submit" className="sd-button sd-button--primary" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? t('profile.saving') : t('profile.save')}
        </button>
        <p className="sd-status" role="status" data-kind={status.kind}>
          {status.kind === 'saved' && t('profile.saved')}
          {status.kind === 'failed' && status.text}
        </p>
      </div>
    </form>
  )
}
