import { z } from 'zod'
import { sideSchema } from './sides.ts'

/** What a participant tells the others about themselves; shown on pair boards and pitch frames. */
export const profileCardSchema = z.object({
  name: z.string().trim().min(1).max(60),
  side: sideSchema,
  organisation: z.string().trim().max(100).default(''),
  offer: z.string().trim().max(500).default(''),
  seek: z.string().trim().max(500).default(''),
  tags: z.array(z.string().trim().min(1).max(30)).max(5).default([]),
  /** Only ever shown to people this participant matched with. */
  contact: z.string().trim().max(200).default(''),
})
export type ProfileCard = z.infer<typeof profileCardSchema>

/** The part of a card everyone of the event may see. */
export type PublicProfile = Omit<ProfileCard, 'contact'>

export function publicProfile(card: ProfileCard): PublicProfile {
  const { contact: _private, ...visible } = card
  return visible
}
