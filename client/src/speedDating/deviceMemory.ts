/**
 * What stays on this device only: the contact a participant last saved
 * (the server never sends contact details back to their owner's screen, so
 * the form would otherwise come back empty) and which matches they chose to
 * share it with (the server reports only the yes/no mark back).
 */
const CONTACT_KEY = 'ideenschmiede.profileContact'
const SHARED_KEY = 'ideenschmiede.sharedContact'

export function loadContact(): string {
  return read(CONTACT_KEY) ?? ''
}

export function storeContact(contact: string): void {
  write(CONTACT_KEY, contact)
}

/** Participant ids (per event and me) I chose to share my contact with. */
export function loadSharedWith(eventId: string, me: string): ReadonlySet<string> {
  const raw = read(`${SHARED_KEY}.${eventId}.${me}`)
  if (!raw) return new Set()
  try {
    const parsed: unknown = JSON.parse(raw)
    return new Set(Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [])
  } catch (error) {
    console.warn('Ideenschmiede: the remembered contact sharing could not be read', error)
    return new Set()
  }
}

export function storeSharedWith(eventId: string, me: string, ids: ReadonlySet<string>): void {
  write(`${SHARED_KEY}.${eventId}.${me}`, JSON.stringify([...ids]))
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch (error) {
    console.warn('Ideenschmiede: localStorage is not available', error)
    return null
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch (error) {
    console.warn('Ideenschmiede: could not keep this on the device', error)
  }
}
