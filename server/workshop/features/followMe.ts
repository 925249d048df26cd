import type { FollowTarget, Spotlight, Viewport, WorkshopState } from '../../../shared/workshop/index.ts'
import type { EventStore } from '../../storage/EventStore.ts'
import { assertBoardOfEvent } from '../boardOfEvent.ts'
import type { WorkshopFeature } from '../WorkshopFeature.ts'

export interface SpotlightRequest {
  boardId: string
  viewport: Viewport
  mode: Spotlight['mode']
  target: FollowTarget
}

/** A new "bring everyone here": its seq tells clients it is not the one they already obeyed. */
export function nextSpotlight(state: WorkshopState, request: SpotlightRequest): Spotlight {
  return { ...request, seq: (state.spotlight?.seq ?? 0) + 1 }
}

/** "Follow me": the facilitator brings everyone, or the projector, to a place on a board. */
export function followMeFeature({ events }: { events: EventStore }): WorkshopFeature {
  return {
    name: 'follow-me',
    slices: { spotlight: null },
    commands: {
      'spotlight:start': async (request, { workshop }) => {
        await assertBoardOfEvent(events, workshop.state.eventId, request.boardId)
        await workshop.commit({ spotlight: nextSpotlight(workshop.state, request) })
      },
      'spotlight:end': (_payload, { workshop }) => workshop.commit({ spotlight: null }),
    },
  }
}
