import { z } from 'zod'
import { idSchema } from '../api.ts'
import { roleSchema } from '../roles.ts'
import { sideSchema } from '../sides.ts'

/**
 * The workshop state the server decides and broadcasts over socket.io. These
 * are wire schemas; what is stored has its own versioned format on the server.
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
  roundMs: z.number().int().min(30_000).max(60 * 60_000),
  imbalance: z.enum(['sit-out', 'trio']),
  institutionsAs: z.enum(['kreative', 'unternehmen', 'either']),
})
export type SpeedDatingSettings = z.infer<typeof speedDatingSettingsSchema>

/**
 * Speed-dating moves through its own states, apart from the general timer:
 * configured → round n running → round n over → … → ended. A pitch or
 * workshop timer started later never brings a finished round back.
 */
export const SPEED_DATING_STATUSES = ['configured', 'running', 'over', 'ended'] as const

export const speedDatingStateSchema = z.object({
  settings: speedDatingSettingsSchema,
  rounds: z.array(speedDatingRoundSchema),
  status: z.enum(SPEED_DATING_STATUSES),
  /** When the running round ends, on the server's clock; null unless a round is running. */
  roundEndsAt: z.number().nullable(),
  /**
   * Mutual matches so far, for facilitators only (null for everyone else): a
   * count that changes when someone withdraws a mark would tell the other
   * person what was just decided about them.
   */
  matchCount: z.number().int().min(0).nullable(),
})
export type SpeedDatingState = z.infer<typeof speedDatingStateSchema>

export const pitchEntrySchema = z.object({
  personId: z.string(),
  frameId: z.string(),
})

export const pitchStateSchema = z.object({
  boardId: z.string(),
  perPitchMs: z.number().int().min(30_000).max(60 * 60_000),
  queue: z.array(pitchEntrySchema),
  /** Index into the queue of the pitch running now; -1 when none runs. */
  current: z.number().int().min(-1),
  /** Queue indices whose pitch has run: after 'Beenden' the queue goes on where it stopped instead of starting over. States stored before this field have none. */
  done: z.array(z.number().int().min(0)).default([]),
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

/**
 * A silent round ("Stille Ideensammlung") on one board. While it runs, each
 * participant's new notes live in a document only they and the server can
 * read; the facilitator reveals them onto the board. An ended round keeps
 * what was not revealed with its authors.
 */
export const silentRoundSchema = z.object({
  boardId: idSchema,
  status: z.enum(['running', 'ended']),
  /** Unrevealed notes by person id; for facilitators only (empty for everyone else). Never their text. */
  counts: z.record(z.string(), z.number().int().min(1)),
  /** All unrevealed notes, as the projector shows them ("23 Ideen gesammelt"). */
  total: z.number().int().min(0),
})
export type SilentRound = z.infer<typeof silentRoundSchema>

export const directoryEntrySchema = z.object({
  name: z.string(),
  side: sideSchema,
  organisation: z.string(),
  offer: z.string(),
  seek: z.string(),
  tags: z.array(z.string()),
})

export const workshopStateSchema = z.object({
  eventId: z.string(),
  /** Grows with every stored change, so a client can tell a newer state from an older one. */
  version: z.number().int().min(0),
  phaseIndex: z.number().int().min(0),
  timer: timerStateSchema,
  locks: z.record(z.string(), boardLockSchema),
  spotlight: spotlightSchema.nullable(),
  vote: voteStateSchema.nullable(),
  /** The projector's QR code and join code: large during check-in, a corner card later, unless the facilitator hides it. */
  joinCardVisible: z.boolean(),
  /** Reactions float without names unless the facilitator chooses otherwise. */
  showReactionNames: z.boolean(),
  /** Public profile cards by person id (contact details stay private). */
  directory: z.record(z.string(), directoryEntrySchema),
  speedDating: speedDatingStateSchema.nullable(),
  pitch: pitchStateSchema.nullable(),
  breakouts: breakoutsStateSchema.nullable(),
  silentRound: silentRoundSchema.nullable(),
})
export type WorkshopState = z.output<typeof workshopStateSchema>

export const profileSchema = z.object({
  name: z.string().trim().min(1).max(60),
  side: sideSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
})
export type Profile = z.infer<typeof profileSchema>

export const rosterEntrySchema = z.object({
  connectionId: z.string(),
  personId: z.string(),
  role: roleSchema,
  name: z.string().nullable(),
  side: sideSchema.nullable(),
  boardId: z.string().nullable(),
  handRaised: z.boolean(),
})
export type RosterEntry = z.infer<typeof rosterEntrySchema>

