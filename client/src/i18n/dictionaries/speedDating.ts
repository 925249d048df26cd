/** Speed-dating, profile cards, matches and the pitch queue. */
export const speedDatingDe = {} as const

export const speedDatingEn: Record<keyof typeof speedDatingDe, string> = {}
