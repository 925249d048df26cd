import { WorkshopRefusal } from '../WorkshopRefusal.ts'
import type { WorkshopFeature } from '../WorkshopFeature.ts'

const REACTIONS_PER_WINDOW = 5
const REACTION_WINDOW_MS = 10_000

/** Reactions floating over the projector, and raised hands in the facilitator's roster. */
export function reactionsFeature({ now }: { now: () => number }): WorkshopFeature {
  return {
    name: 'reactions',
    slices: { showReactionNames: false },
    commands: {
      'reactions:names': ({ show }, { workshop }) => workshop.commit({ showReactionNames: show }),
      'reaction:send': ({ reaction }, { workshop, connection, channel }) => {
        const at = now()
        const recent = connection.reactionTimes.filter((time) => time > at - REACTION_WINDOW_MS)
        if (recent.length >= REACTIONS_PER_WINDOW) throw new WorkshopRefusal('rate_limited', 'slow down: a few reactions every ten seconds')
        connection.reactionTimes = [...recent, at]
        channel.broadcastReaction({
          reaction,
          name: workshop.state.showReactionNames ? (connection.profile?.name ?? null) : null,
          side: connection.profile?.side ?? null,
          at,
        })
      },
      'hand:set': ({ raised }, { connection, channel }) => {
        connection.handRaised = raised
        channel.broadcastRoster()
      },
    },
  }
}
