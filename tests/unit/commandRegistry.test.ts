import { describe, expect, it } from 'vitest'
import { CommandRegistry } from '../../server/workshop/CommandRegistry.ts'
import type { WorkshopFeature } from '../../server/workshop/WorkshopFeature.ts'
import { COMMAND_NAMES } from '../../shared/workshop/index.ts'
import { newWorkshopState } from '../support/workshopState.ts'

const noop = () => undefined
const { eventId: _eventId, version: _version, ...allSlices } = newWorkshopState('template')

function everything(): WorkshopFeature {
  return { name: 'all', slices: allSlices, commands: Object.fromEntries(COMMAND_NAMES.map((name) => [name, noop])) }
}

describe('the command registry refuses to start with a gap', () => {
  it('accepts features that answer every command and own every slice once', () => {
    expect(new CommandRegistry([everything()]).initialState('e1')).toMatchObject({ eventId: 'e1', version: 0, phaseIndex: 0 })
  })

  it('a command nobody answers stops the start', () => {
    const feature = everything()
    const { 'speed:next': _missing, ...rest } = feature.commands
    expect(() => new CommandRegistry([{ ...feature, commands: rest }])).toThrow('no feature answers speed:next')
  })

  it('a command answered twice, or one outside the table, stops the start', () => {
    expect(() => new CommandRegistry([everything(), { name: 'again', slices: {}, commands: { 'timer:stop': noop } }])).toThrow('answered twice')
    const stray = { name: 'stray', slices: {}, commands: { 'admin:everything': noop } } as unknown as WorkshopFeature
    expect(() => new CommandRegistry([everything(), stray])).toThrow('not in the command table')
  })

  it('a slice with two owners, or with none, stops the start', () => {
    expect(() => new CommandRegistry([everything(), { name: 'second', slices: { locks: {} }, commands: {} }])).toThrow('locks is owned by all and second')
    const { breakouts: _none, ...fewer } = allSlices
    expect(() => new CommandRegistry([{ ...everything(), slices: fewer }])).toThrow('no feature owns the state slices breakouts')
  })
})
