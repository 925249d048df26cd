import { publicProfile } from '../../../shared/profileCard.ts'
import type { ProfileStore } from '../../storage/ProfileStore.ts'
import type { WorkshopFeature } from '../WorkshopFeature.ts'

const DEFAULT_COLOR = '#4263eb'

/** Who is here: the roster's presence per connection, and the profile cards everyone of the event may read. */
export function peopleFeature({ profiles }: { profiles: ProfileStore }): WorkshopFeature {
  return {
    name: 'people',
    slices: { directory: {} },
    commands: {
      'presence:set': ({ profile, boardId }, { connection, channel }) => {
        connection.profile = profile
        connection.boardId = boardId
        channel.broadcastRoster()
      },
      'profile:save': async ({ card }, { workshop, sender, connection, channel }) => {
        await profiles.storeProfile(sender.eventId, sender.personId, card)
        connection.profile = { name: card.name, side: card.side, color: connection.profile?.color ?? DEFAULT_COLOR }
        await workshop.commit({ directory: { ...workshop.state.directory, [sender.personId]: publicProfile(card) } })
        channel.broadcastRoster()
      },
    },
  }
}
