import type { z } from 'zod'
import { apiErrorSchema, type ApiErrorCode } from '../../../shared/api.ts'

/** A refusal from the server, with its code, so pages can say what happened and what to do. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network',
    message: string,
  ) {
    super(message)
  }
}

export interface ApiClient {
  get<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>>
  send<T extends z.ZodType>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, schema: T): Promise<z.infer<T>>
  sendNoContent(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<void>
}

/** JSON over fetch with the bearer token; every response is parsed with its schema, never trusted as is. */
export function createApiClient(token: string | null): ApiClient {
  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (token) headers.Authorization = `Bearer ${token}`
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    let response: Response
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    } catch (error) {
      throw new ApiRequestError(0, 'network', error instanceof Error ? error.message : String(error))
    }
    if (response.status === 204) return null
    const payload: unknown = await response.json().catch(() => null)
    if (!response.ok) {
      const parsed = apiErrorSchema.safeParse(payload)
      if (parsed.success) throw new ApiRequestError(response.status, parsed.data.error.code, parsed.data.error.message)
      throw new ApiRequestError(response.status, 'internal', `the server answered ${response.status}`)
    }
    return payload
  }

  return {
    get: async (path, schema) => schema.parse(await request('GET', path)),
    send: async (method, path, body, schema) => schema.parse(await request(method, path, body)),
    sendNoContent: async (method, path, body) => {
      await request(method, path, body)
    },
  }
}
