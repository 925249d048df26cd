import type { MessageKey } from '../i18n/messages.ts'
import type { USER_COLORS } from './userProfile.ts'

/** Screen readers say a colour's name, never its hex code. */
export const COLOR_NAME_KEYS: Record<(typeof USER_COLORS)[number], MessageKey> = {
  '#e03131': 'color.red',
  '#1971c2': 'color.blue',
  '#2f9e44': 'color.green',
  '#f08c00': 'color.orange',
  '#9c36b5': 'color.violet',
  '#0c8599': 'color.teal',
  '#c2255c': 'color.pink',
  '#5c940d': 'color.olive',
}
