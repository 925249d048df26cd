import type * as Y from 'yjs'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import type { Viewport } from '../../shared/workshop/index.ts'
import { readShapes, withDescendants } from './shapeRecords.ts'

/** Locks or unlocks a shape and everything inside it, with tldraw's own shape lock, so clients enforce it too. */
export function setLocked(doc: Y.Doc, rootId: string, locked: boolean): void {
  const shapes = readShapes(doc)
  const inside = withDescendants(shapes, [rootId])
  writeBoardRecords(doc, { set: shapes.filter((shape) => inside.has(shape.id) && shape.isLocked !== locked).map((shape) => ({ ...shape, isLocked: locked })) })
}

/** A frame's bounds on its page, with a margin, as a camera target. */
export function readFrameBounds(doc: Y.Doc, frameId: string): Viewport | null {
  const frame = readShapes(doc).find((shape) => shape.id === frameId)
  if (!frame || typeof frame.props.w !== 'number' || typeof frame.props.h !== 'number') return null
  const margin = 40
  return { x: frame.x - margin, y: frame.y - margin, w: frame.props.w + 2 * margin, h: frame.props.h + 2 * margin }
}
