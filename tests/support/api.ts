import type { Board, CreatedLink, EventInfo } from '../../shared/api.ts'

export interface ApiResponse<T> {
  status: number
  body: T
}

/** A JSON request as the client makes it, with a bearer token when given. */
export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T }
}

export interface EventFixture {
  event: EventInfo
  board: Board
  facilitator: CreatedLink
  participant: CreatedLink
  viewer: CreatedLink
}

/** An event with one board and one link per role, made through the HTTP API like the console does. */
export async function createEventFixture(baseUrl: string, adminToken: string, title = 'CrossInnovation Bautzen'): Promise<EventFixture> {
  const event = await api<EventInfo>(baseUrl, 'POST', '/api/events', adminToken, { title, date: '2024-11-08', place: 'Bautzen' })
  if (event.status !== 201) throw new Error(`creating the event failed: ${JSON.stringify(event.body)}`)
  const id = event.body.id
  const link = async (role: string) => {
    const res = await api<CreatedLink>(baseUrl, 'POST', `/api/events/${id}/links`, adminToken, { role })
    if (res.status !== 201) throw new Error(`creating a ${role} link failed: ${JSON.stringify(res.body)}`)
    return res.body
  }
  const facilitator = await link('facilitator')
  const board = await api<Board>(baseUrl, 'POST', `/api/events/${id}/boards`, facilitator.token, { title: 'Freie Ideenschmiede' })
  if (board.status !== 201) throw new Error(`creating the board failed: ${JSON.stringify(board.body)}`)
  return { event: event.body, board: board.body, facilitator, participant: await link('participant'), viewer: await link('viewer') }
}
