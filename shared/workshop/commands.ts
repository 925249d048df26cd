import { z } from 'zod'
import { idSchema } from '../api.ts'
import { profileCardSchema } from '../profileCard.ts'
import type { Role } from '../roles.ts'
import {
  DEFAULT_DOTS,
  MAX_DOTS,
  MAX_TIMER_MS,
  MIN_DOTS,
  followTargetSchema,
  profileSchema,
  reactionSchema,
  speedDatingSettingsSchema,
  viewportSchema,
} from './state.ts'

/**
 * Who may send a command. There is no default: a command that does not say
 * who may send it is not a command (the table's type and the server's check
 * at start both refuse it), so a forgotten entry fails closed.
 */
export const COMMAND_AUDIENCES = ['facilitators', 'participants', 'everyone'] as const
export type CommandAudience = (typeof COMMAND_AUDIENCES)[number]

const ROLES_OF_AUDIENCE: Record<CommandAudience, readonly Role[]> = {
  facilitators: ['admin', 'facilitator'],
  participants: ['admin', 'facilitator', 'participant'],
  everyone: ['admin', 'facilitator', 'participant', 'viewer'],
}

export function audienceAdmits(audience: CommandAudience, role: Role): boolean {
  return ROLES_OF_AUDIENCE[audience].includes(role)
}

export interface CommandSpec<Payload extends z.ZodType = z.ZodType> {
  readonly audience: CommandAudience
  readonly payload: Payload
}

function command<Payload extends z.ZodType>(audience: CommandAudience, payload: Payload): CommandSpec<Payload> {
  return { audience, payload }
}

const shortId = z.string().min(1).max(100)

/** Rounds, pitches and phases are numbered as the sender saw them; a command about an older one is refused as stale. */
const seenIndex = z.number().int().min(-1)

/** Every workshop command: its name, who may send it, and its payload. */
export const workshopCommands = {
  'phase:set': command('facilitators', z.object({ index: z.number().int().min(0) })),
  'phase:step': command('facilitators', z.object({ delta: z.union([z.literal(1), z.literal(-1)]), from: seenIndex })),
  'timer:start': command('facilitators', z.object({ durationMs: z.number().int().min(1000).max(MAX_TIMER_MS) })),
  'timer:pause': command('facilitators', z.object({})),
  'timer:resume': command('facilitators', z.object({})),
  'timer:add': command('facilitators', z.object({ ms: z.number().int().min(-MAX_TIMER_MS).max(MAX_TIMER_MS) })),
  'timer:stop': command('facilitators', z.object({})),
  'spotlight:start': command(
    'facilitators',
    z.object({ boardId: idSchema, viewport: viewportSchema, mode: z.enum(['once', 'follow']), target: followTargetSchema }),
  ),
  'spotlight:end': command('facilitators', z.object({})),
  'board:lock': command('facilitators', z.object({ boardId: idSchema, reason: z.string().trim().max(200).default('') })),
  'board:unlock': command('facilitators', z.object({ boardId: idSchema })),
  'vote:open': command(
    'facilitators',
    z.object({
      boardId: idSchema,
      dotsPerPerson: z.number().int().min(MIN_DOTS).max(MAX_DOTS).default(DEFAULT_DOTS),
      anonymous: z.boolean().default(false),
    }),
  ),
  'vote:close': command('facilitators', z.object({})),
  'vote:reveal': command('facilitators', z.object({})),
  'vote:place': command('participants', z.object({ shapeId: shortId })),
  'vote:remove': command('participants', z.object({ shapeId: shortId })),
  'joincard:show': command('facilitators', z.object({ visible: z.boolean() })),
  'reactions:names': command('facilitators', z.object({ show: z.boolean() })),
  'reaction:send': command('participants', z.object({ reaction: reactionSchema })),
  'hand:set': command('participants', z.object({ raised: z.boolean() })),
  'presence:set': command('everyone', z.object({ profile: profileSchema.nullable(), boardId: idSchema.nullable() })),
  'profile:save': command('participants', z.object({ card: profileCardSchema })),
  'speed:configure': command('facilitators', speedDatingSettingsSchema.partial()),
  'speed:next': command('facilitators', z.object({ afterRound: z.number().int().min(0) })),
  'speed:swap': command('facilitators', z.object({ round: z.number().int().min(1), a: shortId, b: shortId })),
  'speed:end': command('facilitators', z.object({ round: z.number().int().min(1) })),
  'speed:finish': command('facilitators', z.object({})),
  'match:mark': command('participants', z.object({ otherId: shortId, want: z.boolean(), shareContact: z.boolean().default(false) })),
  'pitch:configure': command(
    'facilitators',
    z.object({
      boardId: idSchema,
      perPitchMs: z.number().int().min(30_000).max(60 * 60_000).default(3 * 60_000),
      order: z.array(shortId).max(200),
    }),
  ),
  'pitch:start': command('facilitators', z.object({ index: z.number().int().min(0) })),
  'pitch:next': command('facilitators', z.object({ after: seenIndex })),
  'pitch:end': command('facilitators', z.object({})),
  'breakout:create': command(
    'facilitators',
    z.object({
      sourceBoardId: idSchema,
      groups: z
        .array(z.object({ title: z.string().trim().min(1).max(120), shapeIds: z.array(shortId).max(500) }))
        .min(1)
        .max(30),
      assignment: z.enum(['mixed', 'manual', 'choice']).default('mixed'),
    }),
  ),
  'breakout:assign': command('facilitators', z.object({ personId: shortId, group: z.number().int().min(0) })),
  'breakout:choose': command('participants', z.object({ group: z.number().int().min(0) })),
  'breakout:end': command('facilitators', z.object({})),
  'silent:start': command(
    'facilitators',
    z.object({ boardId: idSchema, durationMs: z.number().int().min(1000).max(MAX_TIMER_MS).nullable().default(null) }),
  ),
  /** Everyone's unrevealed notes, or one person's. */
  'silent:reveal': command('facilitators', z.object({ personId: shortId.nullable().default(null) })),
  /** Ends the round without revealing: the notes stay with their authors. */
  'silent:end': command('facilitators', z.object({})),
} as const satisfies Record<string, CommandSpec>

export type CommandName = keyof typeof workshopCommands
export const COMMAND_NAMES = Object.keys(workshopCommands) as CommandName[]
/** What a sender writes (defaults may be left out). */
export type CommandPayload<C extends CommandName> = z.input<(typeof workshopCommands)[C]['payload']>
/** What a handler receives, parsed and with defaults filled in. */
export type ParsedCommand<C extends CommandName> = z.output<(typeof workshopCommands)[C]['payload']>
