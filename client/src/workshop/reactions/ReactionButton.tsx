import { useState } from 'react'
import { REACTIONS, type Reaction } from '../../../../shared/workshop/index.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { ReactIcon } from '../icons.tsx'
import type { WorkshopConnection } from '../WorkshopConnection.ts'

/** One round button: a reaction for the room, or a raised hand for the moderation. */
export function ReactionButton({ connection }: { connection: WorkshopConnection }) {
  const { t } = useMessages()
  const [open, setOpen] = useState(false)
  const [handRaised, setHandRaised] = useState(false)
  const [note, setNote] = useState<string | null>(null)

  const react = async (reaction: Reaction) => {
    const result = await connection.send('reaction:send', { reaction })
    setNote(result.ok ? null : result.error.code === 'rate_limited' ? t('workshop.reactions.slowDown') : t('workshop.refused.offline'))
    if (result.ok) setOpen(false)
  }
  const toggleHand = async () => {
    const result = await connection.send('hand:set', { raised: !handRaised })
    if (result.ok) setHandRaised(!handRaised)
    else setNote(t('workshop.refused.offline'))
  }

  return (
    <div className="reaction-button" data-open={open || undefined}>
      {open && (
        <div className="reaction-button__menu" role="group" aria-label={t('workshop.reactions.title')}>
          {REACTIONS.map((reaction) => (
            <button key={reaction} type="button" className="reaction-button__choice" aria-label={t('workshop.reactions.send', { reaction })} onClick={() => void react(reaction)}>
              {reaction}
            </button>
          ))}
          <button type="button" className="reaction-button__choice" aria-pressed={handRaised} data-testid="raise-hand" onClick={() => void toggleHand()}>
            <ReactIcon hand />
            <span className="reaction-button__hand-label">{handRaised ? t('workshop.hand.lower') : t('workshop.hand.raise')}</span>
          </button>
        </div>
      )}
      {note && (
        <p className="reaction-button__note" role="status">
          {note}
        </p>
      )}
      <button
        type="button"
        className="reaction-button__main"
        aria-expanded={open}
        aria-label={t('workshop.reactions.title')}
        data-hand={handRaised || undefined}
        onClick={() => {
          setOpen(!open)
          setNote(null)
        }}
      >
        <ReactIcon hand={handRaised} />
      </button>
    </div>
  )
}
