import { toRichText } from '@tldraw/tlschema'
import { noteAuthorMeta } from '../../shared/noteMeta.ts'
import type { Side } from '../../shared/sides.ts'

/** A valid tldraw sticky note by an author of this side, as a client writes it. */
export function note(id: string, parentId: string, text: string, side: Side, i: number) {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    parentId,
    index: `a${i + 1}`,
    x: 20 + i * 10,
    y: 60,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: noteAuthorMeta({ authorId: `p-${side}`, authorSide: side }),
    props: {
      color: side === 'kreative' ? 'violet' : 'blue',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 0,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      scale: 1,
      richText: toRichText(text),
      textLastEditedBy: null,
    },
  }
}

/** A valid tldraw frame on the first page. */
export function frame(id: string, name: string, i: number) {
  return {
    id,
    typeName: 'shape',
    type: 'frame',
    parentId: 'page:page',
    index: `b${i + 1}`,
    x: i * 800,
    y: 1000,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 700, h: 500, name, color: 'black' },
  }
}
