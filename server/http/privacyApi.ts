import { Router } from 'express'
import { deleteEventBodySchema } from '../../shared/api.ts'
import type { PersonalData } from '../privacy/PersonalData.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { ApiFailure } from './apiErrors.ts'
import { parseBody, parseId } from './parseRequest.ts'
import { assertEventRole, assertFacilitator, principalOf } from './requireAuth.ts'

export interface PrivacyApiDeps {
  events: EventStore
  personalData: PersonalData
  deleteEvent: (eventId: string) => Promise<boolean>
}

/** Deleting an event, and a person's own data: see it, download it, delete it. Mounted after requireAuth. */
export function createPrivacyApi({ events, personalData, deleteEvent }: PrivacyApiDeps): Router {
  const router = Router()

  router.delete('/events/:eventId', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    const { confirmTitle } = parseBody(deleteEventBodySchema, req.body)
    const event = await events.getEvent(eventId)
    if (!event) throw new ApiFailure('not_found', 'no such event')
    if (confirmTitle.trim() !== event.title.trim()) throw new ApiFailure('bad_request', 'to delete the event, type its title exactly')
    await deleteEvent(eventId)
    res.status(204).end()
  })

  router.get('/events/:eventId/my-data', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    const principal = principalOf(res)
    assertEventRole(principal, eventId)
    const data = await personalData.collect(eventId, principal.personId)
    if (!data) throw new ApiFailure('not_found', 'no such event')
    res.set('Cache-Control', 'no-store').json(data)
  })

  router.delete('/events/:eventId/my-data', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    const principal = principalOf(res)
    assertEventRole(principal, eventId)
    if (!(await events.getEvent(eventId))) throw new ApiFailure('not_found', 'no such event')
    await personalData.forgetPerson(eventId, principal.personId)
    res.status(204).end()
  })

  return router
}
