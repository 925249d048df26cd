import { z } from 'zod'

/** The version history of a board as it crosses the HTTP API, for server validation and client typing. */

export const VERSION_KINDS = ['named', 'auto', 'before-restore'] as const
export const versionKindSchema = z.enum(VERSION_KINDS)

export const boardVersionInfoSchema = z.object({
  id: z.string(),
  boardId: z.string(),
  name: z.string(),
  kind: versionKindSchema,
  createdAt: z.string(),
})
export type BoardVersionInfo = z.infer<typeof boardVersionInfoSchema>

export const boardVersionListSchema = z.array(boardVersionInfoSchema)

export const MAX_VERSION_NAME_LENGTH = 120
export const namedVersionBodySchema = z.object({ name: z.string().trim().min(1).max(MAX_VERSION_NAME_LENGTH) })
export type NamedVersionBody = z.input<typeof namedVersionBodySchema>

/** A version's content: the board's records and the tldraw schema they were written with (null when none was stored). */
export const versionContentSchema = z.object({ schema: z.unknown(), records: z.array(z.unknown()) })
export type VersionContent = z.infer<typeof versionContentSchema>

/** A restore answers with the version that keeps the state before it, so the restore can be undone. */
export const restoredVersionSchema = z.object({ backup: boardVersionInfoSchema })
