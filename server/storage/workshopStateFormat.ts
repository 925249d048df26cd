import { workshopStateSchema, type WorkshopState } from '../../shared/workshop/index.ts'

/**
 * How workshop state is stored, apart from how it crosses the wire. A stored
 * state carries the format it was written in; on load, migrations bring it
 * step by step to the current format, and only then is it parsed with the
 * current schema. A release that changes the state's shape adds a format and
 * a migration here, so events stored by the previous release still load.
 */
export const WORKSHOP_STATE_FORMAT = 3

type Json = Record<string, unknown>
type Migration = (stored: Json) => Json

const MIGRATIONS: Record<number, Migration> = {
  // Format 1 (until this release) was the wire state itself, with defaults for fields added later.
  1: (stored) => ({
    showReactionNames: false,
    joinCardVisible: true,
    directory: {},
    breakouts: null,
    ...stored,
    version: 0,
    speedDating: migrateSpeedDatingFrom1(stored.speedDating),
    pitch: migratePitchFrom1(stored.pitch),
  }),
  // Format 2 had no silent rounds.
  2: (stored) => ({ silentRound: null, ...stored }),
}

function migrateSpeedDatingFrom1(speedDating: unknown): unknown {
  if (!isObject(speedDating)) return speedDating ?? null
  const settings = isObject(speedDating.settings) ? speedDating.settings : {}
  const rounds = Array.isArray(speedDating.rounds) ? speedDating.rounds : []
  // Format 1 ran rounds on the general timer, which any later timer restarted; a stored round is taken as over.
  return {
    ...speedDating,
    status: rounds.length > 0 ? 'over' : 'configured',
    roundEndsAt: null,
    settings: { roundMs: 5 * 60_000, imbalance: 'sit-out', institutionsAs: 'either', ...settings },
  }
}

function migratePitchFrom1(pitch: unknown): unknown {
  if (!isObject(pitch) || !Array.isArray(pitch.queue)) return pitch ?? null
  return {
    ...pitch,
    queue: pitch.queue.map((entry: unknown) => {
      if (!isObject(entry)) return entry
      const { participantId, ...rest } = entry
      return { ...rest, personId: participantId }
    }),
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export class StoredStateError extends Error {}

/** Parses a stored state of any known format; a state it cannot read is an error, never an empty workshop. */
export function readStoredWorkshopState(format: number, text: string): WorkshopState {
  if (!Number.isInteger(format) || format < 1 || format > WORKSHOP_STATE_FORMAT) {
    throw new StoredStateError(`stored workshop state has format ${format}; this release reads 1 to ${WORKSHOP_STATE_FORMAT}`)
  }
  const parsed: unknown = JSON.parse(text)
  if (!isObject(parsed)) throw new StoredStateError('stored workshop state is not an object')
  let json = parsed
  for (let from = format; from < WORKSHOP_STATE_FORMAT; from++) {
    const migrate = MIGRATIONS[from]
    if (!migrate) throw new StoredStateError(`no migration from workshop state format ${from}`)
    json = migrate(json)
  }
  const result = workshopStateSchema.safeParse(json)
  if (!result.success) throw new StoredStateError(`stored workshop state is invalid: ${result.error.message}`)
  return result.data
}

export function writeStoredWorkshopState(state: WorkshopState): string {
  return JSON.stringify(state)
}
