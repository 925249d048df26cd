import { toRichText } from '@tldraw/tlschema'
import { noteAuthorMeta, type NoteAuthor } from '../../shared/noteMeta.ts'

/** A tldraw note shape as the board client writes it, with its author in the meta. */
export function noteRecord(id: string, parentId: string, text: string, author: NoteAuthor, i: number) {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    parentId,
    index: indexKey(i),
    x: 20 + i * 10,
    y: 60,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: noteAuthorMeta(author),
    props: noteProps(text, author.authorSide === 'kreative' ? 'violet' : 'blue'),
  }
}

/** A tldraw note's props as the board client writes them. */
export function noteProps(text: string, color: string) {
  return {
    color,
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
  }
}

/** The i-th of a run of valid, increasing tldraw index keys: a1, a1V, a1VV, … (a fraction may not end in 0). */
export function indexKey(i: number): string {
  return `a1${'V'.repeat(i)}`
}
