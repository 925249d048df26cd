import { useValue } from '@tldraw/state-react'
import { userProfile } from '../user/userProfile.ts'
import { appLocaleFor, translate, type AppLocale, type MessageKey } from './messages.ts'

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

/** The app's strings in the language the user picked (in our switch or in tldraw's menu); German by default. */
export function useMessages(): { locale: AppLocale; t: Translate } {
  const locale = useValue('app locale', () => appLocaleFor(userProfile.preferences.get().locale), [])
  return { locale, t: (key, values) => translate(locale, key, values) }
}
