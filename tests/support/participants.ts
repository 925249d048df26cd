import type { JoinResult } from '../../shared/api.ts'
import type { ProfileCard } from '../../shared/profileCard.ts'
import type { Side } from '../../shared/sides.ts'
import { api, type EventFixture } from './api.ts'
import { connectSession, type SessionClient } from './sessionClient.ts'
import { until } from './until.ts'

export interface Participant {
  token: string
  client: SessionClient
  id: string
  card: ProfileCard
}

/** A person who joined by code on their own phone (a token of their own) and filled in a profile card. */
export async function joinAs(httpUrl: string, f: EventFixture, name: string, side: Side, extra: Partial<ProfileCard> = {}): Promise<Participant> {
  const joined = await api<JoinResult>(httpUrl, 'POST', '/api/join', undefined, { code: f.participant.code })
  if (joined.status !== 201) throw new Error(`joining failed: ${JSON.stringify(joined.body)}`)
  const client = await connectSession(httpUrl, joined.body.token, f.event.id)
  const card: ProfileCard = { name, side, organisation: `${name} GmbH`, offer: '', seek: '', tags: [], contact: '', ...extra }
  const saved = await client.send('profile:save', { card })
  if (!saved.ok) throw new Error(`saving the profile failed: ${JSON.stringify(saved)}`)
  await until(() => client.me() !== null, 'the participant id')
  return { token: joined.body.token, client, id: client.me() ?? '', card }
}
