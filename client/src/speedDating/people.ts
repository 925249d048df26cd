import type { CommandError, WorkshopState } from '../../../shared/workshop/index.ts'
import { refusalText } from '../workshop/controls/useCommand.ts'
import { SIDE_INFO, type Side } from '../../../shared/sides.ts'
import type { AppLocale } from '../i18n/messages.ts'
import type { Translate } from '../i18n/useMessages.ts'

export type Directory = WorkshopState['directory']

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

/** A failed command in words the person can act on; where no general sentence fits, the server's reason. */
export function failureText(error: CommandError, t: Translate): string {
  if (error.code === 'offline') return t('speedDating.offline')
  if (error.code === 'invalid' || error.code === 'conflict') return t('speedDating.commandFailed', { reason: error.message })
  return refusalText(error.code, t)
}
