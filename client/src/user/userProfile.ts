import { atom, type Signal } from '@tldraw/state'
import type { TLUserPreferences } from 'tldraw'
import { z } from 'zod'

const STORAGE_KEY = 'ideenschmiede.user'

/** Cursor colours that stay apart from each other on a projector and on tldraw's light canvas. */
export const USER_COLORS = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#9c36b5', '#0c8599', '#c2255c', '#5c940d'] as const

const storedPreferencesSchema = z.looseObject({
  id: z.string().min(1).max(64),
  name: z.string().max(60).nullish(),
  color: z.string().max(32).nullish(),
  locale: z.string().max(16).nullish(),
})

function loadPreferences(): TLUserPreferences {
  const stored = readStorage()
  const parsed = stored === null ? null : storedPreferencesSchema.safeParse(safeJsonParse(stored))
  if (parsed?.success) return parsed.data as TLUserPreferences
  return {
    id: randomId(),
    name: null,
    color: USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)],
    locale: 'de',
  }
}

/** getRandomValues rather than crypto.randomUUID: plain HTTP on a LAN address is not a secure context. */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch (error) {
    console.warn('Ideenschmiede: localStorage is not available; your name is kept for this visit only', error)
    return null
  }
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    console.warn('Ideenschmiede: stored user preferences are unreadable and were reset', error)
    return null
  }
}

const $preferences = atom<TLUserPreferences>('user preferences', loadPreferences())

function setPreferences(next: TLUserPreferences): void {
  $preferences.set(next)
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  } catch (error) {
    console.warn('Ideenschmiede: could not keep your preferences on this device', error)
  }
}

/**
 * This device's participant: name, colour and language, kept in
 * localStorage. tldraw reads and edits the same preferences (people menu,
 * language menu), so a change in either place shows up in both. Kept free
 * of tldraw's code (only its signals) so the join page and the lobby load
 * without it; the board derives tldraw's user record in board/tldrawUser.ts.
 */
export const userProfile = {
  preferences: $preferences as Signal<TLUserPreferences>,
  setPreferences,
  update(partial: Partial<TLUserPreferences>): void {
    setPreferences({ ...$preferences.get(), ...partial })
  },
}
