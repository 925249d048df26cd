import { Router } from 'express'
import type { DeviceLink } from '../../shared/api.ts'
import type { AccessControl } from '../auth/AccessControl.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { ProfileStore } from '../storage/ProfileStore.ts'
import { parseId } from './parseRequest.ts'
import { assertFacilitator, principalOf } from './requireAuth.ts'

export interface DevicesApiDeps {
  events: EventStore
  access: AccessControl
  profiles: ProfileStore
}

/**
 * `GET /api/events/:eventId/devices`: the phones that joined by code and may
 * still come back, with the name on their profile card. Each is revoked like
 * any link (`DELETE /api/events/:eventId/links/:linkId`).
 */
export function createDevicesApi({ events, access, profiles }: DevicesApiDeps): Router {
  const router = Router()
  router.get('/events/:eventId/devices', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    await access.expireIdleDevices(eventId)
    const cards = await profiles.loadProfiles(eventId)
    const devices: DeviceLink[] = (await events.listDeviceLinks(eventId)).map((device) => ({
      id: device.id,
      name: cards.get(device.id)?.name ?? null,
      createdAt: device.createdAt,
      lastSeenAt: device.lastSeenAt,
    }))
    res.json(devices)
  })
  return router
}
