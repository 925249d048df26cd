/** Workshop control: phase bar, timer, follow-me, locks, voting, reactions, roster. */
export const workshopDe = {} as const

export const workshopEn: Record<keyof typeof workshopDe, string> = {}
