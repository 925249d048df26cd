import { useState } from 'react'
import type { CommandResult, PitchState } from '../../../shared/workshop/index.ts'
import { nextPitchIndex } from '../../../shared/pitchQueue.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { WorkshopConnection } from '../workshop/WorkshopConnection.ts'
import { failureText, type Directory } from '../speedDating/people.ts'
import { nameWithSide } from '../speedDating/RoundPlan.tsx'

/** The configured queue: who pitches now, a start button per entry, next and end. */
export function PitchQueue({ connection, pitch, directory }: { connection: WorkshopConnection; pitch: PitchState; directory: Directory }) {
  const { t } = useMessages()
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const now = pitch.queue[pitch.current]

  async function run(send: () => Promise<CommandResult>) {
    setPending(true)
    const outcome = await send().finally(() => setPending(false))
    setError(outcome.ok ? null : failureText(outcome.error, t))
  }

  return (
    <div className="sd-pitch">
      <p className="sd-pitch__now" role="status" data-testid="pitch-now">
        {now ? t('pitch.now', { name: nameWithSide(directory, now.personId, t) }) : t('pitch.idle')}
      </p>
      <div className="sd-actions">
        <button type="button" className="sd-button sd-button--primary" onClick={() => void run(() => connection.send('pitch:next', { after: pitch.current }))}
          disabled={(nextPitchIndex(pitch) < 0 && pitch.current < 0) || pending}
        >
          {t('pitch.next')}
        </button>
        <button type="button" className="sd-button" onClick={() => void run(() => connection.send('pitch:end', {}))} disabled={pitch.current < 0 || pending}>
          {t('pitch.end')}
        </button>
      </div>
      <ol className="sd-queue" aria-label={t('pitch.queue')}>
        {pitch.queue.map((entry, index) => (
          <li key={entry.personId} className="sd-queue__item" aria-current={index === pitch.current ? 'step' : undefined}>
            <span>{nameWithSide(directory, entry.personId, t)}</span>
            {index === pitch.current ? (
              <span className="sd-badge">{t('pitch.running')}</span>
            ) : pitch.done.includes(index) ? (
              <span className="sd-badge sd-badge--done">{t('pitch.done')}</span>
            ) : (
              <button type="button" className="sd-button" onClick={() => void run(() => connection.send('pitch:start', { index }))} disabled={pending}>
                {t('pitch.start')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p className="sd-status" role="alert" data-kind="failed">
          {error}
        </p>
      )}
    </div>
  )
}
