import { z } from 'zod'
import { idSchema } from '../api.ts'
import type { Side } from '../sides.ts'
import type { CommandName, CommandPayload } from './commands.ts'
import type { Reaction, RosterEntry, WorkshopState } from './state.ts'

/**
 * The socket.io event maps of workshop control, typed once for both ends,
 * and what a command answers.
 */

/**
 * Why a command was refused. `stale`: it named a round, pitch or phase that is
 * no longer current (another facilitator, or a second click, was first).
 * `offline` and `timeout` never come from the server: the client's send gives
 * them when there is no connection, or no answer in time.
 */
export const COMMAND_ERROR_CODES = ['forbidden', 'invalid', 'conflict', 'stale', 'rate_limited', 'internal', 'offline', 'timeout'] as const
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number]
export type ServerErrorCode = Exclude<CommandErrorCode, 'offline' | 'timeout'>

export interface CommandError {
  code: CommandErrorCode
  message: string
}

export type CommandResult = { ok: true } | { ok: false; error: CommandError }

export interface ReactionEvent {
  reaction: Reaction
  /** Only shown when the facilitator chose to show names. */
  name: string | null
  side: Side | null
  at: number
}

export interface Match {
  personId: string
  name: string
  organisation: string
  /** Only what the other person chose to share. */
  contact: string | null
}

export interface MyMatches {
  /** People I marked, by person id: true = I want to follow up. */
  marked: Record<string, boolean>
  matches: Match[]
}

export interface MyVote {
  voteId: string
  shapeIds: string[]
}

type CommandEvents = {
  [C in CommandName]: (payload: CommandPayload<C>, ack: (result: CommandResult) => void) => void
}

export interface ClientToServerEvents extends CommandEvents {
  /** Clock sync: the ack carries the server's Date.now(). */
  'time:now': (ack: (serverNow: number) => void) => void
}

export interface ServerToClientEvents {
  'workshop:state': (state: WorkshopState) => void
  'workshop:error': (error: CommandError) => void
  'vote:mine': (mine: MyVote) => void
  'matches:mine': (mine: MyMatches) => void
  /** Who I am on this channel, so a participant recognises themselves in rounds and queues. */
  'workshop:me': (me: { personId: string }) => void
  reaction: (event: ReactionEvent) => void
  /** The event's boards, links or details changed (through the HTTP API): reload them. */
  'event:changed': () => void
  /** A version of this board was stored (named, automatic, or the backup of a restore); facilitators only. */
  'board:versions-changed': (boardId: string) => void
  roster: (entries: RosterEntry[]) => void
  /** Projectors only: how many people (not devices, facilitators or projectors) are connected, for the check-in card. */
  'people:count': (count: number) => void
}

/** socket.io handshake: `io(url, { auth: { token, eventId } })`. */
export const handshakeAuthSchema = z.object({ token: z.string().min(1).max(200), eventId: idSchema })
