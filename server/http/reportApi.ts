import { Router } from 'express'
import { z } from 'zod'
import { SIDE_INFO } from '../../shared/sides.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import { buildEventReport, renderReportCsv, renderReportMarkdown, type MatchCount } from '../report/index.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { MatchStore } from '../storage/MatchStore.ts'
import type { ProfileStore } from '../storage/ProfileStore.ts'
import type { VoteStore } from '../storage/VoteStore.ts'
import { ApiFailure } from './apiErrors.ts'
import { parseId } from './parseRequest.ts'
import { assertFacilitator, principalOf } from './requireAuth.ts'

export interface ReportApiDeps {
  events: EventStore
  documents: BoardDocuments
  votes: VoteStore
  matches: MatchStore
  profiles: ProfileStore
}

const formatSchema = z.enum(['md', 'csv']).default('md')
/** `anonymous=true` names nobody, not even the pairs of a match who agreed to share. */
const anonymousSchema = z.enum(['true', 'false']).default('false')

/** `GET /api/events/:eventId/report?format=md|csv`: the results of the day, built on the server without a browser. */
export function createReportApi({ events, documents, votes, matches, profiles }: ReportApiDeps): Router {
  const router = Router()
  router.get('/events/:eventId/report', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    const format = formatSchema.safeParse(req.query.format)
    if (!format.success) throw new ApiFailure('bad_request', 'format must be md or csv')
    const anonymous = anonymousSchema.safeParse(req.query.anonymous)
    if (!anonymous.success) throw new ApiFailure('bad_request', 'anonymous must be true or false')
    const event = await events.getEvent(eventId)
    if (!event) throw new ApiFailure('not_found', 'no such event')
    const boards = []
    for (const board of (await events.listBoards(eventId)).filter((b) => !b.archived)) {
      const content = await documents.read(board.id)
      boards.push({ board, records: content.records, voteResults: await votes.latestRevealedVote(board.id) })
    }
    const report = buildEventReport({ event, boards, matches: await matchCounts(matches, profiles, eventId, anonymous.data === 'true') })
    const slug = event.title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'ergebnisse'
    const fileName = `${slug}.${format.data}`
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    if (format.data === 'csv') res.type('text/csv; charset=utf-8').send(renderReportCsv(report))
    else res.type('text/markdown; charset=utf-8').send(renderReportMarkdown(report))
  })
  return router
}

/** Mutual matches: named pairs where both agreed to share (unless the report is anonymous), otherwise counted by sides only. */
async function matchCounts(store: MatchStore, profileStore: ProfileStore, eventId: string, anonymous: boolean): Promise<MatchCount[] | undefined> {
  const matches = await store.mutualMatches(eventId)
  if (matches.length === 0) return undefined
  const profiles = await profileStore.loadProfiles(eventId)
  const named: MatchCount[] = []
  const bySides = new Map<string, MatchCount>()
  for (const match of matches) {
    const first = profiles.get(match.firstId)
    const second = profiles.get(match.secondId)
    if (!first || !second) continue
    if (match.bothShared && !anonymous) {
      named.push({ first: { name: first.name, side: first.side }, second: { name: second.name, side: second.side }, count: 1 })
      continue
    }
    const [a, b] = [first.side, second.side].sort()
    const key = `${a}|${b}`
    const entry = bySides.get(key)
    if (entry) bySides.set(key, { ...entry, count: entry.count + 1 })
    else if (a && b) bySides.set(key, { first: { name: SIDE_INFO[a].label.de, side: a }, second: { name: SIDE_INFO[b].label.de, side: b }, count: 1 })
  }
  return [...named, ...bySides.values()]
}
