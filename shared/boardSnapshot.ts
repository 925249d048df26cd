import { z } from 'zod'

export const BOARD_SNAPSHOT_FORMAT = 'ideenschmiede/board'

/**
 * A board as a file: its tldraw records and the schema they were written
 * with, so it can be restored into a new board, also on another server.
 */
export const boardSnapshotSchema = z.object({
  format: z.literal(BOARD_SNAPSHOT_FORMAT),
  version: z.literal(1),
  title: z.string(),
  exportedAt: z.string(),
  schema: z.unknown(),
  records: z.array(z.record(z.string(), z.unknown())).max(100_000),
})
export type BoardSnapshot = z.infer<typeof boardSnapshotSchema>

export const importBoardBodySchema = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  snapshot: boardSnapshotSchema,
})
