import { describe, expect, it } from 'vitest'
import type { Side } from '../../../shared/sides.ts'
import { mergeOrder, moveItem } from './pitchOrder.ts'
import type { Directory } from '../speedDating/people.ts'

function directoryOf(people: Record<string, Side>): Directory {
  return Object.fromEntries(Object.entries(people).map(([id, side]) => [id, { name: id, side, organisation: '', offer: '', seek: '', tags: [] }]))
}

describe('the pitch order', () => {
  it('starts with the creatives block, then companies, then institutions', () => {
    const directory = directoryOf({ ulla: 'unternehmen', kai: 'kreative', ida: 'institution', anna: 'kreative' })
    expect(mergeOrder([], directory)).toEqual(['anna', 'kai', 'ulla', 'ida'])
  })

  it("keeps the facilitator's arrangement and slots a newcomer in at the end of their side's block", () => {
    const directory = directoryOf({ kai: 'kreative', anna: 'kreative', ulla: 'unternehmen', ben: 'unternehmen', clara: 'kreative' })
    expect(mergeOrder(['kai', 'anna', 'ulla', 'ben'], directory)).toEqual(['kai', 'anna', 'clara', 'ulla', 'ben'])
  })

  it('drops people whose card is gone', () => {
    expect(mergeOrder(['kai', 'gone'], directoryOf({ kai: 'kreative' }))).toEqual(['kai'])
  })

  it('moves an entry up, down and by drag to any place', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b'])
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveItem(['a', 'b', 'c'], 1, 5)).toEqual(['a', 'c', 'b'])
  })
})
