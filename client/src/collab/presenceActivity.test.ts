import { describe, expect, it } from 'vitest'
import { localActivityTime, pointerMoved } from './presenceActivity.ts'

const at = (x: number, y: number, camera = { x: 0, y: 0, z: 1 }) => ({ cursor: { x, y, type: 'default', rotation: 0 }, camera })

describe('pointerMoved', () => {
  it('counts a pointer that moved on its owner’s screen', () => {
    expect(pointerMoved(at(100, 100), at(130, 100))).toBe(true)
  })

  it('does not count a view moved under a resting pointer (a spotlight, a scroll)', () => {
    // The camera moved 50 page units left at zoom 2; the page point moved with it, the screen point did not.
    expect(pointerMoved(at(100, 100, { x: 0, y: 0, z: 2 }), at(150, 100, { x: -50, y: 0, z: 2 }))).toBe(false)
  })

  it('does not count rounding, nor a peer without a cursor', () => {
    expect(pointerMoved(at(100, 100), at(100.2, 99.9))).toBe(false)
    expect(pointerMoved({ cursor: null, camera: null }, at(10, 10))).toBe(false)
  })
})

describe('localActivityTime', () => {
  it('counts a peer met for the first time as not yet active', () => {
    expect(localActivityTime(undefined, at(100, 100), 1_000_000)).toBe(0)
  })

  it('takes our clock’s time when the pointer moves', () => {
    expect(localActivityTime({ view: at(100, 100), localTime: 0 }, at(120, 100), 1_000_000)).toBe(1_000_000)
  })

  it('keeps the time of the last move while the pointer rests (typing, a selection, a camera change)', () => {
    expect(localActivityTime({ view: at(100, 100), localTime: 1_000_000 }, at(100, 100), 1_009_000)).toBe(1_000_000)
  })
})
