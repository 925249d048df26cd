import { boardDe, boardEn } from './dictionaries/board.ts'
import { overviewDe, overviewEn } from './dictionaries/overview.ts'
import { pagesDe, pagesEn } from './dictionaries/pages.ts'
import { privacyDe, privacyEn } from './dictionaries/privacy.ts'
import { speedDatingDe, speedDatingEn } from './dictionaries/speedDating.ts'
import { versionsDe, versionsEn } from './dictionaries/versions.ts'
import { workshopDe, workshopEn } from './dictionaries/workshop.ts'

/**
 * Every string the app itself shows, one dictionary per part of the app so
 * each can grow on its own. German is the source; English must cover every
 * key (the types enforce it).
 */
const de = { ...boardDe, ...pagesDe, ...workshopDe, ...speedDatingDe, ...overviewDe, ...privacyDe, ...versionsDe } as const

export type MessageKey = keyof typeof de
export type Messages = Record<MessageKey, string>

const en: Messages = { ...boardEn, ...pagesEn, ...workshopEn, ...speedDatingEn, ...overviewEn, ...privacyEn, ...versionsEn }

export const APP_LOCALES = ['de', 'en'] as const
export type AppLocale = (typeof APP_LOCALES)[number]

export const MESSAGES: Record<AppLocale, Messages> = { de, en }

/** tldraw offers many languages; our own strings exist in German and English, German for German variants. */
export function appLocaleFor(locale: string | null | undefined): AppLocale {
  if (!locale) return 'de'
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en'
}

export function translate(locale: AppLocale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match))
}
