import type { IndexKey } from '@tldraw/utils'
import type * as Y from 'yjs'
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

export function isShapeRecord(value: unknown): value is ShapeRecord {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === 'shape'
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
