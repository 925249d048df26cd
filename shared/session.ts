import { z } from 'zod'
import { idSchema } from './api.ts'
import { profileCardSchema } from './profileCard.ts'
import { roleSchema } from './roles.ts'
import { sideSchema, type Side } from './sides.ts'

/**
 * The workshop-control channel (socket.io): state the server decides and
 * broadcasts, and the commands that change it. Every payload is parsed with
 * these schemas on the server; the event maps below type both ends.
 */

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

export const speedDatingGroupSchema = z.object({
  table: z.number().int().min(1),
  boardId: z.string(),
  members: z.array(z.string()),
})

export const speedDatingRoundSchema = z.object({
  number: z.number().int().min(1),
  groups: z.array(speedDatingGroupSchema),
  sittingOut: z.array(z.string()),
})
export type SpeedDatingRound = z.infer<typeof speedDatingRoundSchema>

export const speedDatingSettingsSchema = z.object({
  roundMs: z.number().int().min(30_000).max(60 * 60_000).default(5 * 60_000),
  imbalance: z.enum(['sit-out', 'trio']).default('sit-out'),
  institutionsAs: z.enum(['kreative', 'unternehmen', 'either']).default('either'),
})
export type SpeedDatingSettings = z.infer<typeof speedDatingSettingsSchema>

export const speedDatingStateSchema = z.object({
  settings: speedDatingSettingsSchema,
  rounds: z.array(speedDatingRoundSchema),
  /** Mutual matches so far; who matched whom is only told to the two people. */
  matchCount: z.number().int().min(0),
})
export type SpeedDatingState = z.infer<typeof speedDatingStateSchema>

export const pitchEntrySchema = z.object({
  participantId: z.string(),
  frameId: z.string(),
})

export const pitchStateSchema = z.object({
  boardId: z.string(),
  perPitchMs: z.number().int().min(30_000).max(60 * 60_000),
  queue: z.array(pitchEntrySchema),
  /** Index into the queue of the pitch running now; -1 before the first. */
  current: z.number().int().min(-1),
})
export type PitchState = z.infer<typeof pitchStateSchema>

export const breakoutGroupSchema = z.object({
  boardId: z.string(),
  title: z.string(),
  members: z.array(z.string()),
})

export const breakoutsStateSchema = z.object({
  /** The board everyone returns to when the facilitator ends the breakouts. */
  sourceBoardId: z.string(),
  assignment: z.enum(['mixed', 'manual', 'choice']),
  groups: z.array(breakoutGroupSchema),
})
export type BreakoutsState = z.infer<typeof breakoutsStateSchema>

export const directoryEntrySchema = z.object({
  name: z.string(),
  side: sideSchema,
  organisation: z.string(),
  offer: z.string(),
  seek: z.string(),
  tags: z.array(z.string()),
})

export const sessionStateSchema = z.object({
  eventId: z.string(),
  phaseIndex: z.number().int().min(0),
  timer: timerStateSchema,
  locks: z.record(z.string(), boardLockSchema),
  spotlight: spotlightSchema.nullable(),
  vote: voteStateSchema.nullable(),
  /** Reactions float without names unless the facilitator chooses otherwise. */
  showReactionNames: z.boolean().default(false),
  /** Public profile cards by participant id (contact details stay private). */
  directory: z.record(z.string(), directoryEntrySchema).default({}),
  speedDating: speedDatingStateSchema.nullable().default(null),
  pitch: pitchStateSchema.nullable().default(null),
  breakouts: breakoutsStateSchema.nullable().default(null),
})
export type SessionState = z.output<typeof sessionStateSchema>

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
  'profile:save': z.object({ card: profileCardSchema }),
  'speed:configure': speedDatingSettingsSchema,
  'speed:next': z.object({}),
  'speed:swap': z.object({ a: z.string().min(1).max(100), b: z.string().min(1).max(100) }),
  'speed:end': z.object({}),
  'match:mark': z.object({ otherId: z.string().min(1).max(100), want: z.boolean(), shareContact: z.boolean().default(false) }),
  'pitch:configure': z.object({
    boardId: idSchema,
    perPitchMs: z.number().int().min(30_000).max(60 * 60_000).default(3 * 60_000),
    order: z.array(z.string().min(1).max(100)).max(200),
  }),
  'pitch:start': z.object({ index: z.number().int().min(0) }),
  'pitch:next': z.object({}),
  'pitch:end': z.object({}),
  'breakout:create': z.object({
    sourceBoardId: idSchema,
    groups: z
      .array(z.object({ title: z.string().trim().min(1).max(120), shapeIds: z.array(z.string().min(1).max(100)).max(500) }))
      .min(1)
      .max(30),
    assignment: z.enum(['mixed', 'manual', 'choice']).default('mixed'),
  }),
  'breakout:assign': z.object({ participantId: z.string().min(1).max(100), group: z.number().int().min(0) }),
  'breakout:choose': z.object({ group: z.number().int().min(0) }),
  'breakout:end': z.object({}),
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
  'speed:configure',
  'speed:next',
  'speed:swap',
  'speed:end',
  'pitch:configure',
  'pitch:start',
  'pitch:next',
  'pitch:end',
  'breakout:create',
  'breakout:assign',
  'breakout:end',
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

export interface Match {
  participantId: string
  name: string
  organisation: string
  /** Only what the other person chose to share. */
  contact: string | null
}

export interface MyMatches {
  /** People I marked, by participant id: true = I want to follow up. */
  marked: Record<string, boolean>
  matches: Match[]
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
  'matches:mine': (mine: MyMatches) => void
  /** Who I am on this channel, so a participant recognises themselves in rounds and queues. */
  'session:me': (me: { participantId: string }) => void
  reaction: (event: ReactionEvent) => void
  roster: (entries: RosterEntry[]) => void
}

/** socket.io handshake: `io(url, { auth: { token, eventId } })`. */
export const handshakeAuthSchema = z.object({ token: z.string().min(1).max(200), eventId: idSchema })
