/** The pages around the boards: join, admin home, facilitator console, participant lobby, projector. */
export const pagesDe = {} as const

export const pagesEn: Record<keyof typeof pagesDe, string> = {}
