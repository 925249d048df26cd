import { useState } from 'react'
import { DEFAULT_DOTS, MAX_DOTS, MIN_DOTS } from '../../../../shared/workshop/index.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'
import { useCommand } from './useCommand.ts'

/** Open a dot vote on a board, close it, reveal the result. */
export function VoteControls({ connection, snapshot, boardId }: { connection: WorkshopConnection; snapshot: WorkshopSnapshot; boardId: string }) {
  const { t } = useMessages()
  const { send, refusal } = useCommand(connection, t)
  const [dots, setDots] = useState(DEFAULT_DOTS)
  const [anonymous, setAnonymous] = useState(false)
  const vote = snapshot.state?.vote ?? null
  const elsewhere = vote && vote.boardId !== boardId && vote.status !== 'revealed'
  return (
    <section className="workshop-tools__group" aria-labelledby={`vote-${boardId}`}>
      <h3 id={`vote-${boardId}`}>{t('workshop.vote.title')}</h3>
      {vote && vote.boardId === boardId && (
        <p className="workshop-tools__state" data-testid="vote-state" data-status={vote.status}>
          {t(`workshop.vote.status.${vote.status}`, { dots: vote.dotsPerPerson })}
        </p>
      )}
      {elsewhere && <p className="workshop-tools__state">{t('workshop.vote.elsewhere')}</p>}
      {(!vote || vote.status === 'revealed') && (
        <div className="workshop-tools__row">
          <label>
            {t('workshop.vote.dots')}{' '}
            <input
              type="number"
              min={MIN_DOTS}
              max={MAX_DOTS}
              value={dots}
              onChange={(event) => setDots(Math.min(MAX_DOTS, Math.max(MIN_DOTS, Number(event.target.value) || DEFAULT_DOTS)))}
            />
          </label>
          <label>
            <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} /> {t('workshop.vote.anonymous')}
          </label>
          <button type="button" onClick={() => void send('vote:open', { boardId, dotsPerPerson: dots, anonymous })}>
            {t('workshop.vote.open')}
          </button>
        </div>
      )}
      {vote?.status === 'open' && vote.boardId === boardId && (
        <button type="button" onClick={() => void send('vote:close', {})}>
          {t('workshop.vote.close')}
        </button>
      )}
      {vote?.status === 'closed' && vote.boardId === boardId && (
        <button type="button" onClick={() => void send('vote:reveal', {})}>
          {t('workshop.vote.reveal')}
        </button>
      )}
      {refusal && <p className="workshop-tools__refusal" role="alert">{refusal}</p>}
    </section>
  )
}
