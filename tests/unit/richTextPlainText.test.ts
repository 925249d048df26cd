import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { richTextToPlainText } from '../../shared/richText.ts'

describe('plain text of a note’s rich text', () => {
  it('joins paragraphs with line breaks and keeps blank lines between them', () => {
    expect(richTextToPlainText(toRichText('Größe\n\nÄrger, "Zitat"'))).toBe('Größe\n\nÄrger, "Zitat"')
  })

  it('reads headings, hard breaks, marks and nested lists', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Titel' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'fett', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'neu' }] },
        {
          type: 'orderedList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'eins' }] },
                { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'innen' }] }] }] },
              ],
            },
          ],
        },
      ],
    }
    expect(richTextToPlainText(doc)).toBe('Titel\nfett\nneu\n• eins\n• innen')
  })

  it('drops blank lines at the start and the end', () => {
    expect(richTextToPlainText(toRichText('\n\nmitte\n\n'))).toBe('mitte')
  })

  it('gives empty text for anything that is not rich text, without throwing', () => {
    for (const value of [undefined, null, 42, 'text', [], {}, { type: 'doc', content: 'nope' }, { type: 'doc', content: [null, 7, { type: 'paragraph', content: [{ type: 'text', text: 5 }] }] }]) {
      expect(richTextToPlainText(value)).toBe('')
    }
  })

  it('stops at absurd nesting instead of exhausting the stack', () => {
    let deep: unknown = { type: 'text', text: 'tief' }
    for (let i = 0; i < 100_000; i++) deep = { type: 'blockquote', content: [deep] }
    expect(richTextToPlainText({ type: 'doc', content: [deep] })).toBe('')
  })
})
