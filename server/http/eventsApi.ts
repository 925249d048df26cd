import { Router, type Request } from 'express'
import { CROSS_INNOVATION_AGENDA } from '../../shared/agenda.ts'
import {
  createBoardBodySchema,
  createEventBodySchema,
  createLinkBodySchema,
  updateBoardBodySchema,
  updateEventBodySchema,
  type CreatedLink,
  type EventDetails,
  type LinkInfo,
  type TemplateId,
  type WhoAmI,
} from '../../shared/api.ts'
import type { LinkRole } from '../../shared/roles.ts'
import type { AccessControl } from '../auth/AccessControl.ts'
import type { EventStore, StoredLink } from '../storage/EventStore.ts'
import type { EventChanges } from '../workshop/EventChanges.ts'
import { ApiFailure } from './apiErrors.ts'
import { parseBody, parseId } from './parseRequest.ts'
import { assertAdmin, assertEventRole, assertFacilitator, principalOf } from './requireAuth.ts'

export interface EventsApiDeps {
  events: EventStore
  access: AccessControl
  publicUrl: string | undefined
  changes: EventChanges
  /** Seeds a new board with its template, once, before anyone can open it. */
  seedBoard: (boardId: string, template: TemplateId, language: 'de' | 'en') => Promise<void>
}

export function baseUrl(req: Request, publicUrl: string | undefined): string {
  return (publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/$/, '')
}

/** The page a link opens: the projector view for viewers, the event page for everyone else. */
export function linkUrl(base: string, eventId: string, role: LinkRole, token: string): string {
  const page = role === 'viewer' ? `/projector/${eventId}` : `/e/${eventId}`
  return `${base}${page}?token=${encodeURIComponent(token)}`
}

function publicLink(link: StoredLink): LinkInfo {
  const { parentLinkId: _parent, ...info } = link
  return info
}

/** Events, their boards and links. Mounted after requireAuth. */
export function createEventsApi(deps: EventsApiDeps): Router {
  const { events, access } = deps
  const router = Router()

  router.get('/me', (_req, res) => {
    const principal = principalOf(res)
    const me: WhoAmI = { role: principal.role, eventId: principal.eventId }
    res.json(me)
  })

  router.get('/events', async (_req, res) => {
    assertAdmin(principalOf(res))
    res.json(await events.listEvents())
  })

  router.post('/events', async (req, res) => {
    assertAdmin(principalOf(res))
    const body = parseBody(createEventBodySchema, req.body)
    const event = await events.createEvent({
      title: body.title,
      date: body.date ?? null,
      place: body.place ?? null,
      mode: body.mode,
      agenda: body.agenda === 'crossinnovation' ? CROSS_INNOVATION_AGENDA : [],
      callUrl: body.callUrl ?? null,
    })
    res.status(201).json(event)
  })

  router.get('/events/:eventId', async (req, res) => {
    const principal = principalOf(res)
    const eventId = parseId(req.params.eventId, 'event')
    assertEventRole(principal, eventId)
    const event = await events.getEvent(eventId)
    if (!event) throw new ApiFailure('not_found', 'no such event')
    const joinCode = (await events.listLinks(eventId)).findLast((link) => link.role === 'participant' && !link.revoked && link.code !== null)?.code ?? null
    const details: EventDetails = { ...event, boards: await events.listBoards(eventId), role: principal.role, joinCode }
    res.json(details)
  })

  router.patch('/events/:eventId', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    const updated = await events.updateEvent(eventId, parseBody(updateEventBodySchema, req.body))
    if (!updated) throw new ApiFailure('not_found', 'no such event')
    deps.changes.notify(eventId)
    res.json(updated)
  })

  router.post('/events/:eventId/boards', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    const body = parseBody(createBoardBodySchema, req.body)
    if (!(await events.getEvent(eventId))) throw new ApiFailure('not_found', 'no such event')
    const board = await events.createBoard(eventId, body.title, body.template)
    await deps.seedBoard(board.id, body.template, body.language)
    deps.changes.notify(eventId)
    res.status(201).json(board)
  })

  router.patch('/boards/:boardId', async (req, res) => {
    const boardId = parseId(req.params.boardId, 'board')
    const board = await events.getBoard(boardId)
    if (!board) throw new ApiFailure('not_found', 'no such board')
    assertFacilitator(principalOf(res), board.eventId)
    const updated = await events.updateBoard(boardId, parseBody(updateBoardBodySchema, req.body))
    deps.changes.notify(board.eventId)
    res.json(updated)
  })

  router.get('/events/:eventId/links', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    res.json((await events.listLinks(eventId)).map(publicLink))
  })

  router.post('/events/:eventId/links', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    const body = parseBody(createLinkBodySchema, req.body)
    if (!(await events.getEvent(eventId))) throw new ApiFailure('not_found', 'no such event')
    const { link, token } = await access.issueLink(eventId, body.role, body.label ?? null)
    const created: CreatedLink = {
      ...publicLink(link),
      token,
      url: linkUrl(baseUrl(req, deps.publicUrl), eventId, link.role, token),
    }
    deps.changes.notify(eventId)
    res.status(201).json(created)
  })

  router.delete('/events/:eventId/links/:linkId', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    const revoked = await access.revoke(eventId, parseId(req.params.linkId, 'link'))
    if (!revoked) throw new ApiFailure('not_found', 'no such link in this event')
    deps.changes.notify(eventId)
    res.status(204).end()
  })

  return router
}
