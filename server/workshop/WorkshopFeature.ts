import type { Role } from '../../shared/roles.ts'
import type {
  CommandName,
  MyMatches,
  MyVote,
  ParsedCommand,
  Profile,
  ReactionEvent,
  WorkshopState,
} from '../../shared/workshop/index.ts'
import type { Deadline, WorkshopTransaction } from './Workshop.ts'

/** Who sent a command. */
export interface Sender {
  readonly eventId: string
  readonly personId: string
  readonly role: Role
}

/** What one connection tells the facilitators about itself (the roster), kept only while it is connected. */
export interface ConnectionPresence {
  profile: Profile | null
  boardId: string | null
  handRaised: boolean
  /** When this connection last sent reactions, for the rate limit. */
  reactionTimes: number[]
}

/** What a feature may send to people of the event, besides the state everyone gets after a commit. */
export interface EventChannel {
  /** People with the participant role connected to the event now, on any server process; only they are seated in rounds and groups. */
  presentParticipants(): Promise<string[]>
  sendVote(personId: string, mine: MyVote): void
  sendMatches(personId: string, mine: MyMatches): void
  broadcastReaction(event: ReactionEvent): void
  broadcastRoster(): void
}

export interface CommandContext {
  readonly workshop: WorkshopTransaction
  readonly sender: Sender
  readonly connection: ConnectionPresence
  readonly channel: EventChannel
}

export type CommandHandler<C extends CommandName> = (payload: ParsedCommand<C>, context: CommandContext) => Promise<void> | void
export type CommandHandlers = { [C in CommandName]?: CommandHandler<C> }

/** The parts of the workshop state, each owned by one feature. */
export type WorkshopSlices = Omit<WorkshopState, 'eventId' | 'version'>

/**
 * One feature of workshop control (agenda, voting, speed-dating, …): the
 * commands it answers and the part of the state it owns. The socket layer
 * knows only the registered features, never a feature by name.
 */
export interface WorkshopFeature {
  readonly name: string
  /** The slices of the state this feature owns, with their value in a new event. */
  readonly slices: Partial<WorkshopSlices>
  readonly commands: CommandHandlers
  /** Sends a person who just connected what is private to them. */
  onJoin?(sender: Sender, workshop: WorkshopState, channel: EventChannel): Promise<void>
  /** Changes this feature makes by itself at a time its slice names. */
  deadlines?(state: WorkshopState): Deadline[]
  /** Removes what only facilitators may see from the state sent to everyone else. */
  redactForParticipants?(state: WorkshopState): WorkshopState
}
