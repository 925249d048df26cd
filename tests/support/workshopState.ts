import type { WorkshopState } from '../../shared/workshop/index.ts'

/** A workshop state as a new event has it, for tests that build stores or registries by hand. */
export function newWorkshopState(eventId: string, version = 0): WorkshopState {
  return {
    eventId,
    version,
    phaseIndex: 0,
    timer: { status: 'idle' },
    locks: {},
    spotlight: null,
    vote: null,
    showReactionNames: false,
    joinCardVisible: true,
    directory: {},
    speedDating: null,
    pitch: null,
    breakouts: null,
    silentRound: null,
  }
}
