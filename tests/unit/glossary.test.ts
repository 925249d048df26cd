import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Editor, TLUiActionsContextType, TLUiOverrideHelpers } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { WORKSHOP_UI_OVERRIDES } from '../../client/src/board/WorkshopToolbar.tsx'
import { GLOSSARY, TLDRAW_GERMAN } from '../../client/src/i18n/glossary.ts'
import { MESSAGES } from '../../client/src/i18n/messages.ts'

const require = createRequire(import.meta.url)
const tldrawGerman = JSON.parse(readFileSync(require.resolve('@tldraw/assets/translations/de.json'), 'utf8')) as Record<string, string>

function avoidedWordsIn(text: string): string[] {
  return GLOSSARY.flatMap(({ avoid }) => avoid.filter((word) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'u').test(text)))
}

describe('German words as the glossary says them', () => {
  it('no German string of ours uses a word the glossary avoids', () => {
    const offending = Object.entries(MESSAGES.de).filter(([, text]) => avoidedWordsIn(text).length > 0)
    expect(offending).toEqual([])
  })

  it("tldraw's German, with our words over it, uses none of them either (embeds are hidden, so their texts do not count)", () => {
    const shown = Object.entries({ ...tldrawGerman, ...TLDRAW_GERMAN }).filter(([key]) => !key.includes('embed'))
    const offending = shown.filter(([, text]) => avoidedWordsIn(text).length > 0)
    expect(offending).toEqual([])
    expect(TLDRAW_GERMAN['tool.note']).toBe('Haftnotiz')
  })

  it('the board offers no embed, which would need the internet the venue may not have', () => {
    const action = (id: string) => ({ id, label: id, onSelect: () => undefined })
    const actions = { 'insert-embed': action('insert-embed'), 'convert-to-embed': action('convert-to-embed'), undo: action('undo') } as unknown as TLUiActionsContextType
    const kept = WORKSHOP_UI_OVERRIDES.actions?.({} as Editor, actions, {} as TLUiOverrideHelpers) ?? actions
    expect(Object.keys(kept)).toEqual(['undo'])
  })
})
