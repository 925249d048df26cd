import type * as Y from 'yjs'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import type { Viewport } from '../../shared/session.ts'

interface ShapeLike {
  id: string
  typeName: 'shape'
  parentId: string
  isLocked: boolean
  x: number
  y: number
  props: { w?: number; h?: number }
}

function isShape(value: unknown): value is ShapeLike {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === 'shape'
}

/** Locks or unlocks a shape and everything inside it, with tldraw's own shape lock, so clients enforce it too. */
export function setLocked(doc: Y.Doc, rootId: string, locked: boolean): void {
  const shapes = Array.from(readBoardRecords(doc).values()).filter(isShape)
  const inside = new Set([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const shape of shapes) {
      if (!inside.has(shape.id) && inside.has(shape.parentId)) {
        inside.add(shape.id)
        grew = true
      }
    }
  }
  writeBoardRecords(doc, { set: shapes.filter((shape) => inside.has(shape.id) && shape.isLocked !== locked).map((shape) => ({ ...shape, isLocked: locked })) })
}

/** A frame's bounds on its page, with a margin, as a camera target. */
export function readFrameBounds(doc: Y.Doc, frameId: string): Viewport | null {
  const frame = readBoardRecords(doc).get(frameId)
  if (!isShape(frame) || typeof frame.props.w !== 'number' || typeof frame.props.h !== 'number') return null
  const margin = 40
  return { x: frame.x - margin, y: frame.y - margin, w: frame.props.w + 2 * margin, h: frame.props.h + 2 * margin }
}
