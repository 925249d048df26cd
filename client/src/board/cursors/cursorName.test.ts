import { describe, expect, it } from 'vitest'
import { cursorName } from './cursorName.ts'

describe('cursorName', () => {
  it("drops a role the facilitator typed into their name, since the mark shows it", () => {
    expect(cursorName('Mona (Moderation)', true)).toBe('Mona')
    expect(cursorName('Tom (Moderator:in) ', true)).toBe('Tom')
    expect(cursorName('Ada (facilitator)', true)).toBe('Ada')
  })

  it("keeps a participant's name as typed: without the mark the role would vanish", () => {
    expect(cursorName('Mona (Moderation)', false)).toBe('Mona (Moderation)')
  })

  it('keeps other parentheses, and a name that is nothing but the role', () => {
    expect(cursorName('Anna (Studio Nord)', true)).toBe('Anna (Studio Nord)')
    expect(cursorName('(Moderation)', true)).toBe('(Moderation)')
    expect(cursorName('Moderation', true)).toBe('Moderation')
  })
})
