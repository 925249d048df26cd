import { useState } from 'react'
import { useValue, type Editor } from 'tldraw'
import { useMessages } from '../../i18n/useMessages.ts'
import { refusalText } from '../controls/useCommand.ts'
import type { BoardWorkshop } from '../WorkshopContext.ts'
import { isVotable } from './votableShapes.ts'

/** While a vote is open on this board: my dot counter, and placing or taking back a dot on the selected note or frame. */
export function DotVoteBar({ workshop, editor }: { workshop: BoardWorkshop; editor: Editor }) {
  const { t } = useMessages()
  const [message, setMessage] = useState<string | null>(null)
  const selected = useValue('votable selection', () => {
    const shape = editor.getOnlySelectedShape()
    return isVotable(shape) ? shape.id : null
  }, [editor])
  const vote = workshop.snapshot.state?.vote
  if (!vote || vote.boardId !== workshop.boardId || vote.status !== 'open') return null
  const mine = workshop.snapshot.mine?.voteId === vote.id ? workshop.snapshot.mine.shapeIds : []
  const onSelected = selected ? mine.filter((id) => id === selected).length : 0

  const act = async (command: 'vote:place' | 'vote:remove') => {
    if (!selected) return
    const result = await workshop.connection.send(command, { shapeId: selected })
    if (result.ok) setMessage(null)
    else setMessage(result.error.code === 'conflict' ? t('workshop.vote.allPlaced', { dots: vote.dotsPerPerson }) : refusalText(result.error.code, t))
  }

  return (
    <div className="dot-vote-bar" role="region" aria-label={t('workshop.vote.title')} data-testid="dot-vote-bar">
      <span className="dot-vote-bar__count" data-testid="dot-counter" aria-live="polite">
        {t('workshop.vote.counter', { used: mine.length, dots: vote.dotsPerPerson })}
      </span>
      <button type="button" disabled={!selected} onClick={() => void act('vote:place')} data-testid="place-dot">
        {t('workshop.vote.place')}
      </button>
      <button type="button" disabled={onSelected === 0} onClick={() => void act('vote:remove')} data-testid="remove-dot">
        {t('workshop.vote.remove')}
      </button>
      <span className="dot-vote-bar__hint" role={message ? 'alert' : undefined} data-testid="vote-message">
        {message ?? (selected ? '' : t('workshop.vote.selectHint'))}
      </span>
    </div>
  )
}
