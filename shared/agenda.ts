import { z } from 'zod'

export const agendaPhaseSchema = z.object({
  title: z.string().trim().min(1).max(120),
  plannedMinutes: z.number().int().min(0).max(24 * 60),
})
export type AgendaPhase = z.infer<typeof agendaPhaseSchema>

export const agendaSchema = z.array(agendaPhaseSchema).max(50)

/** The day of a CrossInnovation event, in the organisers' own phase names. */
export const CROSS_INNOVATION_AGENDA: readonly AgendaPhase[] = [
  { title: 'Ankommen & Check-in', plannedMinutes: 30 },
  { title: 'Eröffnung & Kennenlernen', plannedMinutes: 20 },
  { title: 'Was ist Cross Innovation?', plannedMinutes: 20 },
  { title: 'Referenz', plannedMinutes: 20 },
  { title: 'Pause', plannedMinutes: 15 },
  { title: 'Speeddating', plannedMinutes: 45 },
  { title: 'Pitch Kreativschaffende', plannedMinutes: 30 },
  { title: 'Pitch Unternehmen', plannedMinutes: 30 },
  { title: 'Freie Ideenschmiede & Pause', plannedMinutes: 45 },
  { title: 'Workshop', plannedMinutes: 60 },
]
