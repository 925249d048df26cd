import { z } from 'zod'
import { profileCardSchema } from './profileCard.ts'

/** What the server keeps about one person of an event, as they see and download it from the lobby. */
export const myDataSchema = z.object({
  event: z.object({ id: z.string(), title: z.string(), date: z.string().nullable() }),
  personId: z.string(),
  /** The profile card: name, side, organisation, offer, search, tags and the contact shared with matches. */
  profile: profileCardSchema.nullable(),
  /** The person's own follow-up marks from speed-dating (what others marked about them stays theirs). */
  marks: z.array(z.object({ personId: z.string(), name: z.string().nullable(), followUp: z.boolean(), shareContact: z.boolean() })),
  /** Notes on the event's boards that name this person as their author. */
  notes: z.array(z.object({ board: z.string(), text: z.string() })),
  /** When the event's personal data is removed (ISO time). */
  removedAfter: z.string(),
})
export type MyData = z.infer<typeof myDataSchema>
