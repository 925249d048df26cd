import { z } from 'zod'
import { agendaPhaseSchema, agendaSchema } from './agenda.ts'
import { BOARD_ID_PATTERN } from './boardId.ts'
import { MAX_RETENTION_DAYS } from './retention.ts'
import { linkRoleSchema, roleSchema } from './roles.ts'

/** What crosses the HTTP API, defined once for server validation and client typing. */

export const EVENT_MODES = ['vor-ort', 'online', 'hybrid'] as const
export const eventModeSchema = z.enum(EVENT_MODES)
export type EventMode = z.infer<typeof eventModeSchema>

export const TEMPLATE_IDS = ['leer', 'ideenschmiede', 'cross-innovation-canvas', 'pitch'] as const
export const templateIdSchema = z.enum(TEMPLATE_IDS)
export type TemplateId = z.infer<typeof templateIdSchema>

export const idSchema = z.string().regex(BOARD_ID_PATTERN)

/** The video call of an online event (Jitsi, BigBlueButton, Zoom …): any https address, opened in a new tab, never embedded. */
export const callUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https:// address' }).max(500)

export const retentionDaysSchema = z.number().int().min(0).max(MAX_RETENTION_DAYS)
/** Who participants ask about their data; shown on the privacy page. */
export const privacyContactSchema = z.string().trim().min(1).max(300)

export const createEventBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  date: z.iso.date().optional(),
  place: z.string().trim().max(200).optional(),
  mode: eventModeSchema.default('vor-ort'),
  agenda: z.enum(['crossinnovation', 'leer']).default('crossinnovation'),
  callUrl: callUrlSchema.optional(),
  retentionDays: retentionDaysSchema.optional(),
  deleteAfterRetention: z.boolean().optional(),
  privacyContact: privacyContactSchema.optional(),
})
export type CreateEventBody = z.input<typeof createEventBodySchema>

export const updateEventBodySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    date: z.iso.date().nullable(),
    place: z.string().trim().max(200).nullable(),
    mode: eventModeSchema,
    agenda: agendaSchema,
    callUrl: callUrlSchema.nullable(),
    retentionDays: retentionDaysSchema,
    deleteAfterRetention: z.boolean(),
    privacyContact: privacyContactSchema.nullable(),
  })
  .partial()
export type UpdateEventBody = z.input<typeof updateEventBodySchema>

/** Deleting an event is confirmed by typing its title, so a slip of the mouse cannot do it. */
export const deleteEventBodySchema = z.object({ confirmTitle: z.string().max(200) })
export type DeleteEventBody = z.input<typeof deleteEventBodySchema>

export const languageSchema = z.enum(['de', 'en'])

export const createBoardBodySchema = z.object({
  title: z.string().trim().min(1).max(200),
  template: templateIdSchema.default('leer'),
  /** The language of the template's labels: the facilitator's UI language. */
  language: languageSchema.default('de'),
})
export type CreateBoardBody = z.input<typeof createBoardBodySchema>

export const updateBoardBodySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    archived: z.boolean(),
  })
  .partial()
export type UpdateBoardBody = z.input<typeof updateBoardBodySchema>

export const createLinkBodySchema = z.object({
  role: linkRoleSchema,
  label: z.string().trim().max(100).optional(),
})
export type CreateLinkBody = z.input<typeof createLinkBodySchema>

export const joinBodySchema = z.object({ code: z.string().trim().min(1).max(20) })

export const boardSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  title: z.string(),
  template: templateIdSchema,
  createdAt: z.string(),
  archived: z.boolean(),
})
export type Board = z.infer<typeof boardSchema>

export const eventSchema = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  place: z.string().nullable(),
  mode: eventModeSchema,
  createdAt: z.string(),
  agenda: z.array(agendaPhaseSchema),
  callUrl: z.string().nullable(),
  /** Days after the event's date until names, contacts, profiles, marks and device links are removed. */
  retentionDays: z.number().int(),
  /** At the end of the retention period the whole event goes, not only its personal data. */
  deleteAfterRetention: z.boolean(),
  privacyContact: z.string().nullable(),
  /** When the retention period's removal ran; null before. */
  personalDataRemovedAt: z.string().nullable(),
})
export type EventInfo = z.infer<typeof eventSchema>

export const eventDetailsSchema = eventSchema.extend({
  boards: z.array(boardSchema),
  role: roleSchema,
  /** The code of the event's participant link, for the projector's join card; null before there is one. */
  joinCode: z.string().nullable(),
})
export type EventDetails = z.infer<typeof eventDetailsSchema>

export const linkSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  role: linkRoleSchema,
  label: z.string().nullable(),
  code: z.string().nullable(),
  createdAt: z.string(),
  revoked: z.boolean(),
})
export type LinkInfo = z.infer<typeof linkSchema>

/** A phone that joined by code: its own link, revoked with its parent link or on its own. */
export const deviceLinkSchema = z.object({
  id: z.string(),
  /** The name on the person's profile card, when they made one. */
  name: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
})
export type DeviceLink = z.infer<typeof deviceLinkSchema>

/** A new link: the token is shown once, at creation; the server keeps only its hash. */
export const createdLinkSchema = linkSchema.extend({ token: z.string(), url: z.string() })
export type CreatedLink = z.infer<typeof createdLinkSchema>

export const joinResultSchema = z.object({ token: z.string(), eventId: z.string(), url: z.string() })
export type JoinResult = z.infer<typeof joinResultSchema>

export const whoAmISchema = z.object({ role: roleSchema, eventId: z.string().nullable() })
export type WhoAmI = z.infer<typeof whoAmISchema>

export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_many_requests',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export const apiErrorSchema = z.object({
  error: z.object({ code: z.enum(API_ERROR_CODES), message: z.string() }),
})
export type ApiError = z.infer<typeof apiErrorSchema>
