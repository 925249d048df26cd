import type { z } from 'zod'
import { idSchema } from '../../shared/api.ts'
import { ApiFailure, invalidBody } from './apiErrors.ts'

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) throw invalidBody(parsed.error)
  return parsed.data
}

export function parseId(value: string | string[] | undefined, what: string): string {
  const parsed = idSchema.safeParse(value)
  if (!parsed.success) throw new ApiFailure('bad_request', `invalid ${what} id`)
  return parsed.data
}
