import { computed, createUserId, UserRecordType, type Signal, type TLUser } from 'tldraw'
import { USER_COLORS, userProfile } from '../user/userProfile.ts'

/** The user as tldraw's presence and attribution see them; null until a name was chosen. */
export const tldrawUser: Signal<TLUser | null> = computed('current user', () => {
  const preferences = userProfile.preferences.get()
  if (!preferences.name) return null
  return UserRecordType.create({
    id: createUserId(preferences.id),
    name: preferences.name,
    color: preferences.color ?? USER_COLORS[0],
  })
})
