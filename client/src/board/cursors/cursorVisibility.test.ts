import { describe, expect, it } from 'vitest'
import { cursorVisibility, MOUSE_CURSOR_SHOWN_MS, TOUCH_CURSOR_SHOWN_MS } from './cursorVisibility.ts'

const NOW = 1_000_000

describe('cursorVisibility', () => {
  it('shows a mouse cursor that just moved, and says when it fades', () => {
    expect(cursorVisibility(NOW, NOW - 1_000, 'mouse')).toEqual({ shown: true, changesInMs: MOUSE_CURSOR_SHOWN_MS - 1_000 })
  })

  it('fades a mouse cursor that stayed still past the idle time, for good until it moves', () => {
    expect(cursorVisibility(NOW, NOW - MOUSE_CURSOR_SHOWN_MS, 'mouse')).toEqual({ shown: false, changesInMs: null })
    expect(cursorVisibility(NOW, NOW - 60_000, 'mouse')).toEqual({ shown: false, changesInMs: null })
  })

  it('fades a touch cursor sooner than a mouse cursor', () => {
    const since = NOW - TOUCH_CURSOR_SHOWN_MS
    expect(cursorVisibility(NOW, since, 'touch').shown).toBe(false)
    expect(cursorVisibility(NOW, since, 'mouse').shown).toBe(true)
    expect(cursorVisibility(NOW, NOW - 100, 'touch')).toEqual({ shown: true, changesInMs: TOUCH_CURSOR_SHOWN_MS - 100 })
  })

  it('does not show someone who has not moved since we met them', () => {
    expect(cursorVisibility(NOW, 0, 'mouse')).toEqual({ shown: false, changesInMs: null })
    expect(cursorVisibility(NOW, 0, 'touch')).toEqual({ shown: false, changesInMs: null })
  })

  it('shows a move stamped a little ahead of now (our own clock, read twice) as just now', () => {
    expect(cursorVisibility(NOW, NOW + 5, 'mouse')).toEqual({ shown: true, changesInMs: MOUSE_CURSOR_SHOWN_MS + 5 })
  })
})
