import { indexKey, noteRecord } from './noteRecord.ts'
import type { Side } from '../../shared/sides.ts'

/** A valid tldraw sticky note by an author of this side, as a client writes it. */
export function note(id: string, parentId: string, text: string, side: Side, i: number) {
  return noteRecord(id, parentId, text, { authorId: `p-${side}`, authorSide: side }, i)
}

/** A valid tldraw frame on the first page. */
export function frame(id: string, name: string, i: number) {
  return {
    id,
    typeName: 'shape',
    type: 'frame',
    parentId: 'page:page',
    index: indexKey(i),
    x: i * 800,
    y: 1000,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 700, h: 500, name, color: 'black' },
  }
}
