import { useValue, type Editor } from 'tldraw'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../WorkshopConnection.ts'
import { useCommand } from './useCommand.ts'

/** Group boards from the selected frames: each frame's notes go to a board of its own, and participants are sent there. */
export function BreakoutControls({ connection, snapshot, boardId, editor }: { connection: WorkshopConnection; snapshot: WorkshopSnapshot; boardId: string; editor: Editor }) {
  const { t } = useMessages()
  const { send, refusal } = useCommand(connection, t)
  const selected = useValue(
    'selected frames',
    () =>
      editor
        .getSelectedShapes()
        .filter((shape) => shape.type === 'frame')
        .map((shape) => ({ id: shape.id, name: 'name' in shape.props && typeof shape.props.name === 'string' ? shape.props.name.trim() : '' })),
    [editor],
  )
  const frames = selected.map((frame, i) => ({ id: frame.id, title: (frame.name || t('workshop.breakout.groupTitle', { number: i + 1 })).slice(0, 120) }))
  const breakouts = snapshot.state?.breakouts
  return (
    <section className="workshop-tools__group" aria-labelledby="breakout-title">
      <h3 id="breakout-title">{t('workshop.breakout.title')}</h3>
      {breakouts ? (
        <>
          <p className="workshop-tools__state" data-testid="breakout-state">
            {t('workshop.breakout.active', { count: breakouts.groups.length })}
          </p>
          <button type="button" onClick={() => void send('breakout:end', {})}>
            {t('workshop.breakout.end')}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            disabled={frames.length === 0}
            data-testid="breakout-from-selection"
            onClick={() => void send('breakout:create', { sourceBoardId: boardId, groups: frames.map((frame) => ({ title: frame.title, shapeIds: [frame.id] })), assignment: 'mixed' })}
          >
            {t('workshop.breakout.fromSelection')}
          </button>
          <p className="workshop-tools__hint">{frames.length === 0 ? t('workshop.breakout.selectHint') : t('workshop.breakout.selected', { count: frames.length })}</p>
        </>
      )}
      {refusal && <p className="workshop-tools__refusal" role="alert">{refusal}</p>}
    </section>
  )
}
