import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { useMessages } from '../../i18n/useMessages.ts'
import { useBoardWorkshop } from '../WorkshopContext.ts'
import { dotsLabel } from './votableShapes.ts'

/**
 * Dot badges over the notes, drawn in front of the canvas at the notes'
 * screen positions: my own dots while the vote is open, everyone's counts
 * once it is revealed. Rendered by tldraw (InFrontOfTheCanvas), so it reads
 * the workshop from context.
 */
export function VoteBadges() {
  const editor = useEditor()
  const workshop = useBoardWorkshop()
  const { t } = useMessages()
  const vote = workshop?.snapshot.state?.vote
  const onThisBoard = vote && vote.boardId === workshop?.boardId ? vote : null
  const counts: Record<string, number> = {}
  if (onThisBoard?.status === 'revealed') Object.assign(counts, onThisBoard.results)
  else if (onThisBoard && workshop?.snapshot.mine?.voteId === onThisBoard.id) {
    for (const id of workshop.snapshot.mine.shapeIds) counts[id] = (counts[id] ?? 0) + 1
  }
  const revealed = onThisBoard?.status === 'revealed'
  const positions = useValue(
    'vote badge positions',
    () =>
      Object.keys(counts).flatMap((id) => {
        const bounds = editor.getShapePageBounds(id as TLShapeId)
        if (!bounds) return []
        const point = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
        return [{ id, x: point.x, y: point.y }]
      }),
    [editor, JSON.stringify(counts)],
  )
  if (positions.length === 0) return null
  return (
    <div className="vote-badges" aria-hidden={!revealed}>
      {positions.map(({ id, x, y }) => (
        <span
          key={id}
          className="vote-badge"
          data-kind={revealed ? 'result' : 'mine'}
          data-testid="vote-badge"
          data-shape-id={id}
          style={{ transform: `translate(${x}px, ${y}px) translate(-60%, -40%)` }}
          aria-label={dotsLabel(counts[id] ?? 0, t)}
        >
          {revealed ? (counts[id] ?? 0) : '•'.repeat(counts[id] ?? 0)}
        </span>
      ))}
    </div>
  )
}
