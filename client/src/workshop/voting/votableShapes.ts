import type { Editor, TLShape, TLShapeId } from 'tldraw'
import type { Translate } from '../../i18n/useMessages.ts'

/** Dots go on ideas: sticky notes and the frames that group them. */
export function isVotable(shape: TLShape | null | undefined): shape is TLShape {
  return shape?.type === 'note' || shape?.type === 'frame'
}

/** A short label of a voted shape for the ranking: a note's text or a frame's name. */
export function shapeLabel(editor: Editor, shapeId: string): string | null {
  const shape = editor.getShape(shapeId as TLShapeId)
  if (!shape) return null
  if (shape.type === 'frame' && 'name' in shape.props && typeof shape.props.name === 'string') return shape.props.name
  return editor.getShapeUtil(shape).getText(shape) ?? null
}

export function dotsLabel(count: number, t: Translate): string {
  return count === 1 ? t('workshop.vote.oneDot') : t('workshop.vote.badgeLabel', { count })
}
