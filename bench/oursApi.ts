import { randomBytes } from 'node:crypto'

/** A fresh admin token per started server; ours accepts ADMIN_TOKEN from the environment (≥ 16 characters). */
export function newAdminToken(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * The few HTTP API calls the bench needs from ours: boards exist only once
 * created through the API, and the sync endpoint wants a link token. The
 * reference has neither, it opens any room name.
 */
export class OursApi {
  constructor(
    private readonly httpUrl: string,
    private readonly adminToken: string,
  ) {}

  async createEvent(title: string): Promise<string> {
    return readId(await this.post('/api/events', { title, agenda: 'leer' }), 'event')
  }

  async createBoard(eventId: string, title: string): Promise<string> {
    return readId(await this.post(`/api/events/${eventId}/boards`, { title }), 'board')
  }

  /** Clients connect as participants, the role workshop guests have, so each update also passes the lock check. */
  async createParticipantToken(eventId: string): Promise<string> {
    const body = await this.post(`/api/events/${eventId}/links`, { role: 'participant', label: 'bench' })
    if (typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string') return body.token
    throw new Error(`ours answered a link request without a token: ${JSON.stringify(body)}`)
  }

  /** A participant link's six-character join code, as the projector shows it. */
  async createJoinCode(eventId: string): Promise<string> {
    const body = await this.post(`/api/events/${eventId}/links`, { role: 'participant' })
    if (typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string') return body.code
    throw new Error(`ours answered a participant link request without a code: ${JSON.stringify(body)}`)
  }

  async roomsOpen(): Promise<number | null> {
    const match = /^ideenschmiede_rooms_open (\d+)$/m.exec(await this.metricsText())
    return match?.[1] ? Number(match[1]) : null
  }

  /** The Prometheus text of /metrics, which only the admin token may read. */
  async metricsText(): Promise<string> {
    const res = await fetch(`${this.httpUrl}/metrics`, { headers: { authorization: `Bearer ${this.adminToken}` } })
    if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`)
    return res.text()
  }

  private async post(route: string, body: unknown): Promise<unknown> {
    const res = await fetch(this.httpUrl + route, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const answer: unknown = await res.json()
    if (!res.ok) throw new Error(`POST ${route} answered ${res.status}: ${JSON.stringify(answer)}`)
    return answer
  }
}

function readId(body: unknown, what: string): string {
  if (typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string') return body.id
  throw new Error(`ours created a ${what} but returned no id: ${JSON.stringify(body)}`)
}
