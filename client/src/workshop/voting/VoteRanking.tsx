import { useState } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import { useMessages } from '../../i18n/useMessages.ts'
import type { BoardWorkshop } from '../WorkshopContext.ts'
import { dotsLabel, shapeLabel } from './votableShapes.ts'

/** After the reveal: the voted ideas in order of dots, each one click away on the canvas. */
export function VoteRanking({ workshop, editor }: { workshop: BoardWorkshop; editor: Editor }) {
  const { t } = useMessages()
  // On a phone the list would cover the notes it ranks; there it starts folded.
  const [open, setOpen] = useState(() => window.innerWidth >= 600)
  const vote = workshop.snapshot.state?.vote
  const revealed = vote && vote.boardId === workshop.boardId && vote.status === 'revealed' ? vote : null
  const ranked = useValue(
    'vote ranking',
    () =>
      revealed
        ? Object.entries(revealed.results)
            .sort(([, a], [, b]) => b - a)
            .map(([id, count]) => ({ id, count, label: shapeLabel(editor, id) }))
            .filter((entry) => entry.label !== null)
        : [],
    [editor, revealed],
  )
  if (!revealed) return null
  return (
    <aside className="vote-ranking" aria-labelledby="vote-ranking-title" data-testid="vote-ranking">
      <button type="button" className="vote-ranking__toggle" aria-expanded={open} onClick={() => setOpen(!open)} id="vote-ranking-title">
        {t('workshop.vote.ranking')}
      </button>
      {open && (
        <ol>
          {ranked.map(({ id, count, label }) => (
            <li key={id}>
              <button type="button" onClick={() => editor.select(id as TLShapeId).zoomToSelection({ animation: { duration: 300 } })}>
                <span className="vote-ranking__count">{dotsLabel(count, t)}</span> {label || t('workshop.vote.untitled')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  )
}
