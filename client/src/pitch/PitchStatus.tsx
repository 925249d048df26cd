import type { PitchState } from '../../../shared/workshop/index.ts'
import { nextPitchIndex } from '../../../shared/pitchQueue.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { personLabel, type Directory } from '../speedDating/people.ts'

/** The pitch queue as the audience sees it on their phones: who pitches now, who is next, and where I am in the queue. */
export function PitchStatus({ pitch, directory, me }: { pitch: PitchState | null; directory: Directory; me: string | null }) {
  const { t } = useMessages()
  if (!pitch || pitch.queue.length === 0) return null
  const now = pitch.queue[pitch.current]
  const nextIndex = nextPitchIndex(pitch)
  const next = pitch.queue[nextIndex]
  const myIndex = me ? pitch.queue.findIndex((entry) => entry.personId === me) : -1
  // Those still to pitch before me, in queue order from the next one on.
  const ahead = pitch.queue.filter((_, index) => index >= nextIndex && index < myIndex && index !== pitch.current && !pitch.done.includes(index)).length
  const mine =
    myIndex < 0
      ? null
      : myIndex === pitch.current
        ? t('pitch.mineNow')
        : pitch.done.includes(myIndex)
          ? t('pitch.mineDone')
          : ahead === 0
            ? t('pitch.mineNext')
            : t('pitch.mine', { position: myIndex + 1, ahead })
  return (
    <section className="sd-view" aria-labelledby="pitch-status-title" data-testid="pitch-status">
      <h2 id="pitch-status-title">{t('pitch.title')}</h2>
      <p className="sd-round__next" data-testid="pitch-status-now">
        {now ? t('pitch.now', { name: personLabel(directory, now.personId, t) }) : t('pitch.idle')}
      </p>
      {next && <p data-testid="pitch-status-next">{t('pitch.upNext', { name: personLabel(directory, next.personId, t) })}</p>}
      {mine && (
        <p className="sd-pitch__mine" data-testid="pitch-status-mine">
          <strong>{mine}</strong>
        </p>
      )}
    </section>
  )
}
