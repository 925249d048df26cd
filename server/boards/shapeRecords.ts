import type { IndexKey } from '@tldraw/utils'
import type * as Y from 'yjs'
import { z } from 'zod'
import { readBoardRecords } from '../../shared/boardDocument.ts'

/** The parts of a tldraw shape record the server reads; the rest is passed through untouched. */
export interface ShapeRecord {
  id: string
  typeName: 'shape'
  type: string
  parentId: string
  index: IndexKey
  x: number
  y: number
  isLocked: boolean
  props: Record<string, unknown>
  [key: string]: unknown
}

/**
 * Strict about the fields the server reads, since any client can write a
 * record: a position that is not a finite number must never reach a lock,
 * a copy or a broadcast camera target. Other fields pass through as written.
 */
const shapeFieldsSchema = z.looseObject({
  id: z.string(),
  typeName: z.literal('shape'),
  type: z.string(),
  parentId: z.string(),
  index: z.string(),
  x: z.number(),
  y: z.number(),
  isLocked: z.boolean(),
  props: z.record(z.string(), z.unknown()),
})

export function isShapeRecord(value: unknown): value is ShapeRecord {
  return shapeFieldsSchema.safeParse(value).success
}

export function readShapes(doc: Y.Doc): ShapeRecord[] {
  return Array.from(readBoardRecords(doc).values()).filter(isShapeRecord)
}

/** The ids of these shapes and of every shape inside them, however deeply nested. */
export function withDescendants(shapes: readonly ShapeRecord[], rootIds: Iterable<string>): Set<string> {
  const inside = new Set(rootIds)
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
  return inside
}

/** The highest fractional index on the board, so new shapes can be stacked above everything. */
export function highestIndex(shapes: readonly ShapeRecord[]): IndexKey | null {
  return shapes.reduce<IndexKey | null>((highest, shape) => (highest === null || shape.index > highest ? shape.index : highest), null)
}
