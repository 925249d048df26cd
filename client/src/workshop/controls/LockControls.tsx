import { useState } from 'react'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'
import { LockIcon } from '../icons.tsx'
import { useCommand } from './useCommand.ts'

/** Lock a board for participants (with a reason they see), and unlock it again. */
export function LockControls({ connection, snapshot, boardId }: { connection: WorkshopConnection; snapshot: WorkshopSnapshot; boardId: string }) {
  const { t } = useMessages()
  const { send, refusal } = useCommand(connection, t)
  const [reason, setReason] = useState('')
  const lock = snapshot.state?.locks[boardId]
  return (
    <section className="workshop-tools__group" aria-labelledby={`lock-${boardId}`}>
      <h3 id={`lock-${boardId}`}>{t('workshop.lock.title')}</h3>
      {lock ? (
        <>
          <p className="workshop-tools__state" data-testid="lock-state">
            <LockIcon /> {lock.reason ? t('workshop.lock.lockedBecause', { reason: lock.reason }) : t('workshop.lock.locked')}
          </p>
          <button type="button" onClick={() => void send('board:unlock', { boardId })}>
            {t('workshop.lock.unlock')}
          </button>
        </>
      ) : (
        <form
          className="workshop-tools__row"
          onSubmit={(event) => {
            event.preventDefault()
            void send('board:lock', { boardId, reason }).then((result) => result.ok && setReason(''))
          }}
        >
          <input
            aria-label={t('workshop.lock.reason')}
            placeholder={t('workshop.lock.reasonPlaceholder')}
            value={reason}
            maxLength={200}
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit">{t('workshop.lock.lock')}</button>
        </form>
      )}
      {refusal && <p className="workshop-tools__refusal" role="alert">{refusal}</p>}
    </section>
  )
}
