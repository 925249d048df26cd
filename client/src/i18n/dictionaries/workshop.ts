/** Workshop control: phase bar, timer, follow-me, locks, voting, reactions, roster. */
export const workshopDe = {
  'workshop.timer.title': 'Timer',
  'workshop.timer.none': 'Kein Timer',
  'workshop.timer.minutes': '{minutes} Min.',
  'workshop.timer.plusOne': '+1 Min.',
  'workshop.timer.pause': 'Pause',
  'workshop.timer.resume': 'Weiter',
  'workshop.timer.stop': 'Stopp',
} as const

export const workshopEn: Record<keyof typeof workshopDe, string> = {
  'workshop.timer.title': 'Timer',
  'workshop.timer.none': 'No timer',
  'workshop.timer.minutes': '{minutes} min',
  'workshop.timer.plusOne': '+1 min',
  'workshop.timer.pause': 'Pause',
  'workshop.timer.resume': 'Resume',
  'workshop.timer.stop': 'Stop',
}
