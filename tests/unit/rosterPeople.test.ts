import { describe, expect, it } from 'vitest'
import { rosterPeople } from '../../client/src/pages/console/rosterPeople.ts'
import type { RosterEntry } from '../../shared/workshop/index.ts'

const entry = (connectionId: string, personId: string, role: RosterEntry['role'], name: string | null, handRaised = false): RosterEntry => ({
  connectionId,
  personId,
  role,
  name,
  side: role === 'participant' ? 'kreative' : null,
  boardId: null,
  handRaised,
})

describe('the roster counts people', () => {
  it('one line per participant however many tabs they have; projector and facilitator tabs are counted apart; raised hands first', () => {
    const roster = rosterPeople(
      [
        entry('c1', 'anna', 'participant', 'Anna'),
        entry('c2', 'anna', 'participant', null, true),
        entry('c3', 'ben', 'participant', 'Ben'),
        entry('c4', 'projector', 'viewer', null),
        entry('c5', 'mona', 'facilitator', null),
        entry('c6', 'mona', 'facilitator', null),
        entry('c7', 'admin', 'admin', null),
      ],
      'de',
    )
    expect(roster.people.map((person) => [person.name, person.handRaised])).toEqual([
      ['Anna', true],
      ['Ben', false],
    ])
    expect([roster.projectors, roster.facilitators]).toEqual([1, 3])
  })
})
