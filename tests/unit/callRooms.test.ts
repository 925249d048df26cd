import { describe, expect, it } from 'vitest'
import { pairCallUrl } from '../../shared/callRooms.ts'

describe('a pair’s own video call at an online event', () => {
  it('for a Jitsi room, each pair gets a room beside it', () => {
    expect(pairCallUrl('https://meet.jit.si/Auftakt-Lausitz', 2, 4)).toBe('https://meet.jit.si/Auftakt-Lausitz-runde-2-tisch-4')
    expect(pairCallUrl('https://jitsi.example.org/werkstatt', 1, 1)).toBe('https://jitsi.example.org/werkstatt-runde-1-tisch-1')
  })

  it('for calls whose rooms the server cannot name (Zoom, BigBlueButton), none', () => {
    expect(pairCallUrl('https://us02web.zoom.us/j/8123456789?pwd=abc', 1, 1)).toBeNull()
    expect(pairCallUrl('https://bbb.example.org/b/abc-def-ghi', 1, 1)).toBeNull()
    expect(pairCallUrl('kein Link', 1, 1)).toBeNull()
  })
})
