import { getIndexAbove } from '@tldraw/utils'
import { randomBytes } from 'node:crypto'
import type * as Y from 'yjs'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import { highestIndex, readShapes, withDescendants, type ShapeRecord } from '../boards/shapeRecords.ts'

/** The canvas frame the copied notes go into; its key is fixed by the Cross-Innovation-Canvas template. */
export const IDEAS_FRAME_ID = 'shape:frame-ideen'

const NOTE_SIZE = 200
const NOTE_GAP = 24
const COLUMNS = 3
const FRAME_PADDING_TOP = 120

/** For each selection, the sticky notes it holds: the selected notes and every note inside a selected frame. */
export function notesOfSelection(doc: Y.Doc, selections: readonly (readonly string[])[]): ShapeRecord[][] {
  const shapes = readShapes(doc)
  return selections.map((selection) => {
    const inside = withDescendants(shapes, selection)
    return shapes.filter((shape) => shape.type === 'note' && inside.has(shape.id)).map((shape) => structuredClone(shape))
  })
}

/** Copies notes (new ids, same text, colour and author) into the canvas's ideas frame, in a grid. */
export function copyNotesIntoCanvas(doc: Y.Doc, notes: readonly ShapeRecord[]): void {
  const shapes = readShapes(doc)
  const parentId = shapes.some((shape) => shape.id === IDEAS_FRAME_ID) ? IDEAS_FRAME_ID : (shapes[0]?.parentId ?? 'page:page')
  let index = highestIndex(shapes)
  const copies = notes.map((note, i) => {
    index = getIndexAbove(index)
    return {
      ...note,
      id: `shape:${randomBytes(12).toString('base64url')}`,
      parentId,
      index,
      isLocked: false,
      x: NOTE_GAP + (i % COLUMNS) * (NOTE_SIZE + NOTE_GAP),
      y: FRAME_PADDING_TOP + Math.floor(i / COLUMNS) * (NOTE_SIZE + NOTE_GAP),
    }
  })
  writeBoardRecords(doc, { set: copies })
}
