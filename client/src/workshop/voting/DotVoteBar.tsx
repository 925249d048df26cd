import { useState } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import { useMessages } from '../../i18n/useMessages.ts'
import { refusalText } from '../controls/useCommand.ts'
import type { BoardWorkshop } from '../WorkshopContext.ts'
import { isVotable, shapeLabel } from './votableShapes.ts'

/** While a vote is open on this board: my dot counter, and placing or taking back a dot on the selected note or frame. */
export function DotVoteBar({ workshop, editor }: { workshop: BoardWorkshop; editor: Editor }) {
  const { t } = useMessages()
  const [message, setMessage] = useState<string | null>(null)
  const selected = useValue('votable selection', () => {
    const shape = editor.getOnlySelectedShape()
    return isVotable(shape) ? shape.id : null
  }, [editor])
  const ideas = useValue('votable ideas', () => votableIdeas(editor), [editor])
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
      <label className="dot-vote-bar__pick">
        <span>{t('workshop.vote.pick')}</span>
        {/* The canvas cannot be read or reached by keyboard; this list is the same choice for everyone who does not tap. */}
        <select value={selected ?? ''} onChange={(event) => pick(editor, event.target.value)} data-testid="vote-pick">
          <option value="">{t('workshop.vote.pickNone')}</option>
          {ideas.map((idea) => (
            <option key={idea.id} value={idea.id}>
              {idea.label ?? t('workshop.vote.untitled')}
            </option>
          ))}
        </select>
      </label>
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

const LABEL_LENGTH = 60

/** The notes and frames of the page in reading order (top to bottom, left to right), with a short label each. */
function votableIdeas(editor: Editor): Array<{ id: TLShapeId; label: string | null }> {
  return editor
    .getCurrentPageShapes()
    .filter(isVotable)
    .map((shape) => ({ shape, bounds: editor.getShapePageBounds(shape) }))
    .sort((a, b) => (a.bounds?.y ?? 0) - (b.bounds?.y ?? 0) || (a.bounds?.x ?? 0) - (b.bounds?.x ?? 0))
    .map(({ shape }) => {
      const label = shapeLabel(editor, shape.id)?.trim()
      return { id: shape.id, label: label ? (label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1)}…` : label) : null }
    })
}

/** Selects the picked idea on the canvas and brings it into view, as tapping it would. */
function pick(editor: Editor, id: string): void {
  if (!id) {
    editor.selectNone()
    return
  }
  editor.select(id as TLShapeId)
  const bounds = editor.getSelectionPageBounds()
  if (bounds) editor.centerOnPoint(bounds.center, { animation: { duration: 200 } })
}
