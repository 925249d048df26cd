import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import { readFrameBounds } from '../../server/boards/shapeLocks.ts'
import { readShapes } from '../../server/boards/shapeRecords.ts'

function frame(id: string, fields: Record<string, unknown>, props: Record<string, unknown>) {
  return { id, typeName: 'shape', type: 'frame', parentId: 'page:page', index: 'a1', x: 10, y: 20, isLocked: false, ...fields, props: { w: 100, h: 50, ...props } }
}

function boardWith(...records: Array<{ id: string }>): Y.Doc {
  const doc = new Y.Doc()
  writeBoardRecords(doc, { set: records })
  return doc
}

describe('shape records the server reads', () => {
  it('a frame gives the spotlight its bounds with a margin', () => {
    expect(readFrameBounds(boardWith(frame('shape:ok', {}, {})), 'shape:ok')).toEqual({ x: -30, y: -20, w: 180, h: 130 })
  })

  it.each([
    ['x as a string', { x: 'NaN' }, {}],
    ['x not a number', { x: Number.NaN }, {}],
    ['y infinite', { y: Number.POSITIVE_INFINITY }, {}],
    ['no lock flag', { isLocked: 'no' }, {}],
    ['a width as a string', {}, { w: '100' }],
    ['a negative height', {}, { h: -5 }],
  ])('a frame with %s gives no spotlight target', (_name, fields, props) => {
    expect(readFrameBounds(boardWith(frame('shape:bad', fields, props)), 'shape:bad')).toBeNull()
  })

  it('a shape with unusable fields is not read as a shape at all', () => {
    const doc = boardWith(frame('shape:ok', {}, {}), frame('shape:bad', { x: 'NaN' }, {}))
    expect(readShapes(doc).map((shape) => shape.id)).toEqual(['shape:ok'])
  })
})
