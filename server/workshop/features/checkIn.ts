import type { WorkshopFeature } from '../WorkshopFeature.ts'

/** Check-in: whether the projector shows the QR code and the join code (people arrive late all day). */
export function checkInFeature(): WorkshopFeature {
  return {
    name: 'check-in',
    slices: { joinCardVisible: true },
    commands: {
      'joincard:show': ({ visible }, { workshop }) => workshop.commit({ joinCardVisible: visible }),
    },
  }
}
