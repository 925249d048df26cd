import { COMMAND_AUDIENCES, COMMAND_NAMES, workshopCommands, type CommandName, type WorkshopState } from '../../shared/workshop/index.ts'
import type { Deadline } from './Workshop.ts'
import type { CommandHandler, WorkshopFeature, WorkshopSlices } from './WorkshopFeature.ts'

/**
 * The features' commands and state slices, checked when the server starts:
 * every command of the table has exactly one handler and an audience, and
 * every slice of the state exactly one owner. A gap is a start-up error, so
 * no command can be open by omission.
 */
export class CommandRegistry {
  private readonly handlers = new Map<CommandName, CommandHandler<CommandName>>()
  private readonly initialSlices: WorkshopSlices

  constructor(readonly features: readonly WorkshopFeature[]) {
    const slices: Partial<WorkshopSlices> = {}
    const owners = new Map<string, string>()
    for (const feature of features) {
      for (const [name, handler] of Object.entries(feature.commands)) {
        const command = name as CommandName
        if (!(command in workshopCommands)) throw new Error(`${feature.name} answers ${name}, which is not in the command table`)
        if (this.handlers.has(command)) throw new Error(`${name} is answered twice (again by ${feature.name})`)
        this.handlers.set(command, handler as CommandHandler<CommandName>)
      }
      for (const slice of Object.keys(feature.slices)) {
        const owner = owners.get(slice)
        if (owner) throw new Error(`the state slice ${slice} is owned by ${owner} and ${feature.name}`)
        owners.set(slice, feature.name)
      }
      Object.assign(slices, feature.slices)
    }
    for (const name of COMMAND_NAMES) {
      if (!this.handlers.has(name)) throw new Error(`no feature answers ${name}`)
      if (!COMMAND_AUDIENCES.includes(workshopCommands[name].audience)) throw new Error(`${name} does not say who may send it`)
    }
    this.initialSlices = completeSlices(slices)
  }

  handler<C extends CommandName>(name: C): CommandHandler<C> {
    const handler = this.handlers.get(name)
    if (!handler) throw new Error(`no feature answers ${name}`)
    return handler as CommandHandler<C>
  }

  initialState(eventId: string): WorkshopState {
    return { eventId, version: 0, ...this.initialSlices }
  }

  deadlines(state: WorkshopState): Deadline[] {
    return this.features.flatMap((feature) => feature.deadlines?.(state) ?? [])
  }

  redactForParticipants(state: WorkshopState): WorkshopState {
    return this.features.reduce((redacted, feature) => feature.redactForParticipants?.(redacted) ?? redacted, state)
  }
}

// A record, so the type checker fails when the state gains a slice this list lacks.
const SLICE_NAMES: Record<keyof WorkshopSlices, true> = {
  phaseIndex: true,
  timer: true,
  locks: true,
  spotlight: true,
  vote: true,
  showReactionNames: true,
  joinCardVisible: true,
  directory: true,
  speedDating: true,
  pitch: true,
  breakouts: true,
  silentRound: true,
}

function completeSlices(slices: Partial<WorkshopSlices>): WorkshopSlices {
  const missing = Object.keys(SLICE_NAMES).filter((name) => !(name in slices))
  if (missing.length > 0) throw new Error(`no feature owns the state slices ${missing.join(', ')}`)
  return slices as WorkshopSlices
}
