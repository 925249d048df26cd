import { useState } from 'react'
import { useMessages } from '../i18n/useMessages.ts'
import { VersionsDialog } from './VersionsDialog.tsx'
import type { OnVersionsChanged } from './versionsApi.ts'

export interface VersionsAccess {
  /** The facilitator's token: the versions API is for facilitators only. */
  token: string | null
  licenseKey: string | null
}

/** The moderation panel's way into the board's version history. */
export function VersionsControls({ boardId, access, onVersionsChanged }: { boardId: string; access: VersionsAccess; onVersionsChanged: OnVersionsChanged }) {
  const { t } = useMessages()
  const [open, setOpen] = useState(false)
  return (
    <section className="workshop-tools__group" aria-labelledby="versions-tools-title">
      <h3 id="versions-tools-title">{t('versions.title')}</h3>
      <button type="button" aria-haspopup="dialog" data-testid="versions-open" onClick={() => setOpen(true)}>
        {t('versions.open')}
      </button>
      <p className="workshop-tools__hint">{t('versions.openHint')}</p>
      {open && <VersionsDialog boardId={boardId} token={access.token} licenseKey={access.licenseKey} onVersionsChanged={onVersionsChanged} onClose={() => setOpen(false)} />}
    </section>
  )
}
