import { z } from 'zod'
import { idSchema } from './api.ts'
import { roleSchema } from './roles.ts'

/**
 * The workshop-control channel (socket.io): state the server decides and
 * broadcasts, and the commands that change it. Every payload is parsed with
 * these schemas on the server; the event maps below type both ends.
 */

export const SIDES = ['kreative', 'unternehmen', 'institution'] as const
export const sideSchema = z.enum(SIDES)
export type Side = z.infer<typeof sideSchema>

export const REACTIONS = ['👍', '❤️', '💡', '👏', '❓'] as const
export const reactionSchema = z.enum(REACTIONS)
export type Reaction = z.infer<typeof reactionSchema>

export const MIN_DOTS = 1
export const MAX_DOTS = 20
export const DEFAULT_DOTS = 3
export const MAX_TIMER_MS = 4 * 60 * 60 * 1000

export const timerStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('running'), endsAt: z.number(), durationMs: z.number() }),
  z.object({ status: z.literal('paused'), remainingMs: z.number(), durationMs: z.number() }),
  z.object({ status: z.literal('finished'), durationMs: z.number(), endedAt: z.number() }),
])
export type TimerState = z.infer<typeof timerStateSchema>

/** A camera target in page coordinates, as tldraw's viewport page bounds. */
export const viewportSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  w: z.number().finite().positive(),
  h: z.number().finite().positive(),
})
export type Viewport = z.infer<typeof viewportSchema>

export const followTargetSchema = z.enum(['everyone', 'projector'])
export type FollowTarget = z.infer<typeof followTargetSchema>

export const spotlightSchema = z.object({
  boardId: idSchema,
  viewport: viewportSchema,
  /** "once" brings everyone here a single time; "follow" keeps them following until they move away or it ends. */
  mode: z.enum(['once', 'follow']),
  target: followTargetSchema,
  /** Increases with every command, so a client can tell a new "bring here" from one it already obeyed. */
  seq: z.number().int(),
})
export type Spotlight = z.infer<typeof spotlightSchema>

export const boardLockSchema = z.object({ reason: z.string() })

export const voteStateSchema = z.object({
  id: z.string(),
  boardId: idSchema,
  dotsPerPerson: z.number().int().min(MIN_DOTS).max(MAX_DOTS),
  anonymous: z.boolean(),
  status: z.enum(['open', 'closed', 'revealed']),
  /** Dots per shape; empty until the facilitator reveals the result. */
  results: z.record(z.string(), z.number().int()),
  /** Who placed dots where; only when revealed and not anonymous. */
  voters: z.record(z.string(), z.array(z.string())).nullable(),
})
export type VoteState = z.infer<typeof voteStateSchema>

export const sessionStateSchema = z.object({
  eventId: z.string(),
  phaseIndex: z.number().int().min(0),
  timer: timerStateSchema,
  locks: z.record(z.string(), boardLockSchema),
  spotlight: spotlightSchema.nullable(),
  vote: voteStateSchema.nullable(),
  /** Reactions float without names unless the facilitator chooses otherwise. */
  showReactionNames: z.boolean(),
})
export type SessionState = z.infer<typeof sessionStateSchema>

export const profileSchema = z.object({
  name: z.string().trim().min(1).max(60),
  side: sideSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
})
export type Profile = z.infer<typeof profileSchema>

export const rosterEntrySchema = z.object({
  connectionId: z.string(),
  role: roleSchema,
  name: z.string().nullable(),
  side: sideSchema.nullable(),
  boardId: z.string().nullable(),
  handRaised: z.boolean(),
})
export type RosterEntry = z.infer<typeof rosterEntrySchema>

/** Command payloads (client → server). */
export const commandSchemas = {
  'phase:set': z.object({ index: z.number().int().min(0) }),
  'phase:step': z.object({ delta: z.union([z.literal(1), z.literal(-1)]) }),
  'timer:start': z.object({ durationMs: z.number().int().min(1000).max(MAX_TIMER_MS) }),
  'timer:pause': z.object({}),
  'timer:resume': z.object({}),
  'timer:add': z.object({ ms: z.number().int().min(-MAX_TIMER_MS).max(MAX_TIMER_MS) }),
  'timer:stop': z.object({}),
  'spotlight:start': z.object({
    boardId: idSchema,
    viewport: viewportSchema,
    mode: z.enum(['once', 'follow']),
    target: followTargetSchema,
  }),
  'spotlight:end': z.object({}),
  'board:lock': z.object({ boardId: idSchema, reason: z.string().trim().max(200).default('') }),
  'board:unlock': z.object({ boardId: idSchema }),
  'vote:open': z.object({
    boardId: idSchema,
    dotsPerPerson: z.number().int().min(MIN_DOTS).max(MAX_DOTS).default(DEFAULT_DOTS),
    anonymous: z.boolean().default(false),
  }),
  'vote:close': z.object({}),
  'vote:reveal': z.object({}),
  'vote:place': z.object({ shapeId: z.string().min(1).max(100) }),
  'vote:remove': z.object({ shapeId: z.string().min(1).max(100) }),
  'reactions:names': z.object({ show: z.boolean() }),
  'reaction:send': z.object({ reaction: reactionSchema }),
  'hand:set': z.object({ raised: z.boolean() }),
  'presence:set': z.object({ profile: profileSchema.nullable(), boardId: idSchema.nullable() }),
} as const
export type CommandName = keyof typeof commandSchemas
export type CommandPayload<C extends CommandName> = z.input<(typeof commandSchemas)[C]>

/** Commands only facilitators (and the admin) may send. */
export const FACILITATOR_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'phase:set',
  'phase:step',
  'timer:start',
  'timer:pause',
  'timer:resume',
  'timer:add',
  'timer:stop',
  'spotlight:start',
  'spotlight:end',
  'board:lock',
  'board:unlock',
  'vote:open',
  'vote:close',
  'vote:reveal',
  'reactions:names',
])

/** Commands a viewer (projector) may send: none that change anything. */
export const VIEWER_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>(['presence:set'])

export const SESSION_ERROR_CODES = ['forbidden', 'invalid', 'conflict', 'rate_limited', 'internal'] as const
export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[number]

export type CommandResult = { ok: true } | { ok: false; error: { code: SessionErrorCode; message: string } }

export interface ReactionEvent {
  reaction: Reaction
  /** Only shown when the facilitator chose to show names. */
  name: string | null
  side: Side | null
  at: number
}

export interface MyVote {
  voteId: string
  shapeIds: string[]
}

type CommandHandlers = {
  [C in CommandName]: (payload: CommandPayload<C>, ack: (result: CommandResult) => void) => void
}

export interface ClientToServerEvents extends CommandHandlers {
  /** Clock sync: the ack carries the server's Date.now(). */
  'time:now': (ack: (serverNow: number) => void) => void
}

export interface ServerToClientEvents {
  'session:state': (state: SessionState) => void
  'session:error': (error: { code: SessionErrorCode; message: string }) => void
  'vote:mine': (mine: MyVote) => void
  reaction: (event: ReactionEvent) => void
  roster: (entries: RosterEntry[]) => void
}

/** socket.io handshake: `io(url, { auth: { token, eventId } })`. */
export const handshakeAuthSchema = z.object({ token: z.string().min(1).max(200), eventId: idSchema })
