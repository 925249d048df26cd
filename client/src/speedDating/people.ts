import type { SessionState } from '../../../shared/session.ts'
import { SIDE_INFO, type Side } from '../../../shared/sides.ts'
import type { AppLocale } from '../i18n/messages.ts'
import type { Translate } from '../i18n/useMessages.ts'

export type Directory = SessionState['directory']

/** "Anna (Studio Nord)", or just "Anna" when she named no organisation. */
export function personLabel(directory: Directory, id: string, t: Translate): string {
  const entry = directory[id]
  if (!entry) return t('panel.unknownPerson')
  return entry.organisation ? t('round.person', { name: entry.name, organisation: entry.organisation }) : entry.name
}

export function personName(directory: Directory, id: string, t: Translate): string {
  return directory[id]?.name ?? t('panel.unknownPerson')
}

/** The side's letter before its name, so the side never rests on colour alone. */
export function sideLabel(side: Side, locale: AppLocale): string {
  return `${SIDE_INFO[side].letter} · ${SIDE_INFO[side].label[locale]}`
}

/** A failed command in words the person can act on. */
export function failureText(error: { code: string; message: string }, t: Translate): string {
  // The connection answers "offline" itself without asking the server; everything else carries the server's reason.
  if (error.message === 'offline') return t('speedDating.offline')
  return t('speedDating.commandFailed', { reason: error.message })
}
