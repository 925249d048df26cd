/** Speed-dating, profile cards, matches and the pitch queue. */
export const speedDatingDe = {
  'speedDating.title': 'Speeddating',
  'speedDating.roundsSoFar': 'Runden bisher: {count}',
  'speedDating.nextRound': 'Nächste Runde starten',
} as const

export const speedDatingEn: Record<keyof typeof speedDatingDe, string> = {
  'speedDating.title': 'Speed dating',
  'speedDating.roundsSoFar': 'Rounds so far: {count}',
  'speedDating.nextRound': 'Start the next round',
}
