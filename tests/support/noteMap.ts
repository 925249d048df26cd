import type * as Y from 'yjs'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import { noteProps } from './noteRecord.ts'

/** A tldraw note as the board client writes it: the server's schema check accepts it. */
export function noteShape(key: string, text: string) {
  return {
    id: `shape:${key}`,
    typeName: 'shape',
    type: 'note',
    parentId: 'page:page',
    index: 'a1',
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: noteProps(text, 'yellow'),
  }
}

function plainText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return ''
  const { text, content } = node as { text?: unknown; content?: unknown }
  if (typeof text === 'string') return text
  return Array.isArray(content) ? content.map(plainText).join('') : ''
}

/**
 * A board's notes seen as a map from key to text, the way the sync tests
 * think of a board, stored as real note records in the board's layout.
 */
export class NoteMap {
  constructor(private readonly doc: Y.Doc) {}

  set(key: string, text: string): void {
    writeBoardRecords(this.doc, { set: [noteShape(key, text)] })
  }

  delete(key: string): void {
    writeBoardRecords(this.doc, { delete: [`shape:${key}`] })
  }

  get(key: string): string | undefined {
    const record = readBoardRecords(this.doc).get(`shape:${key}`)
    return record === undefined ? undefined : plainText((record as { props?: { richText?: unknown } }).props?.richText)
  }

  has(key: string): boolean {
    return readBoardRecords(this.doc).has(`shape:${key}`)
  }

  get size(): number {
    return this.notes().length
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.notes())
  }

  private notes(): Array<[string, string]> {
    const notes: Array<[string, string]> = []
    for (const [id, record] of readBoardRecords(this.doc)) {
      if (id.startsWith('shape:')) notes.push([id.slice('shape:'.length), plainText((record as { props?: { richText?: unknown } }).props?.richText)])
    }
    return notes
  }
}
