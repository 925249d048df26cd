import type * as Y from 'yjs'
import { z } from 'zod'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import { viewportSchema, type Viewport } from '../../shared/workshop/index.ts'
import { readShapes, withDescendants } from './shapeRecords.ts'

/** Locks or unlocks a shape and everything inside it, with tldraw's own shape lock, so clients enforce it too. */
export function setLocked(doc: Y.Doc, rootId: string, locked: boolean): void {
  const shapes = readShapes(doc)
  const inside = withDescendants(shapes, [rootId])
  writeBoardRecords(doc, { set: shapes.filter((shape) => inside.has(shape.id) && shape.isLocked !== locked).map((shape) => ({ ...shape, isLocked: locked })) })
}

const frameSizeSchema = z.object({ w: z.number().positive(), h: z.number().positive() })

/** A frame's bounds on its page, with a margin, as a camera target. */
export function readFrameBounds(doc: Y.Doc, frameId: string): Viewport | null {
  const frame = readShapes(doc).find((shape) => shape.id === frameId)
  const size = frameSizeSchema.safeParse(frame?.props)
  if (!frame || !size.success) return null
  const margin = 40
  // The spotlight broadcasts these bounds to every phone; sums that overflow give no target rather than a broken one.
  const bounds = viewportSchema.safeParse({ x: frame.x - margin, y: frame.y - margin, w: size.data.w + 2 * margin, h: size.data.h + 2 * margin })
  return bounds.success ? bounds.data : null
}
