import {
  createPresenceStateDerivation,
  getDefaultUserPresence,
  InstancePresenceRecordType,
  react,
  TLINSTANCE_ID,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { PRESENCE_FIELD, type PresenceMeta } from '../../../shared/presenceMeta.ts'
import { localActivityTime } from './presenceActivity.ts'

/** At most 20 presence updates per second per user: a room of 100 stays at 2,000 small messages a second. */
export const PRESENCE_INTERVAL_MS = 50

export interface PresenceOptions {
  store: TLStore
  awareness: Awareness
  user: Signal<TLUser | null>
  /** Whether this person facilitates the board's event; the server refuses the mark from anyone else. */
  facilitator: Signal<boolean>
  intervalMs?: number
}

/**
 * Presence through Yjs awareness: our cursor, selection and viewport go out
 * (throttled); everyone else's come in as tldraw `instance_presence`
 * records, which gives tldraw's own cursors, people menu and "follow".
 */
export function bindPresence({ store, awareness, user, facilitator, intervalMs = PRESENCE_INTERVAL_MS }: PresenceOptions): () => void {
  const $presence = createPresenceStateDerivation(user, {
    getUserPresence: (presenceStore, presenceUser) => {
      const presence = getDefaultUserPresence(presenceStore, presenceUser)
      const instance = presenceStore.get(TLINSTANCE_ID)
      if (!presence || !instance) return null
      const meta: PresenceMeta = { coarsePointer: instance.isCoarsePointer, facilitator: facilitator.get() }
      return { ...presence, meta }
    },
  })(store)
  let lastSentAt = 0
  let pending: ReturnType<typeof setTimeout> | null = null

  const send = (): void => {
    pending = null
    lastSentAt = Date.now()
    awareness.setLocalStateField(PRESENCE_FIELD, $presence.get())
  }

  const stopBroadcasting = react('broadcast presence', () => {
    $presence.get()
    if (pending !== null) return
    const wait = lastSentAt + intervalMs - Date.now()
    if (wait <= 0) send()
    else pending = setTimeout(send, wait)
  })

  const presenceIdOf = (clientId: number): TLInstancePresence['id'] => InstancePresenceRecordType.createId(String(clientId))
  /**
   * The time each peer's pointer last moved, on our clock, replaces their
   * `lastActivityTimestamp` in our store: tldraw's own idle rules and our
   * cursors then read one clock (see presenceActivity.ts).
   */
  const activity = new Map<number, { view: Pick<TLInstancePresence, 'cursor' | 'camera'>; localTime: number }>()
  const withLocalActivity = (clientId: number, record: TLInstancePresence): TLInstancePresence => {
    const localTime = localActivityTime(activity.get(clientId), record, Date.now())
    activity.set(clientId, { view: { cursor: record.cursor, camera: record.camera }, localTime })
    return { ...record, lastActivityTimestamp: localTime }
  }

  const applyRemote = (changed: number[], removed: number[]): void => {
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    const states = awareness.getStates()
    for (const clientId of changed) {
      if (clientId === awareness.clientID) continue
      const record = readPresence(states.get(clientId), presenceIdOf(clientId))
      if (record) toPut.push(withLocalActivity(clientId, record))
      else if (store.has(presenceIdOf(clientId))) toRemove.push(presenceIdOf(clientId))
    }
    for (const clientId of removed) {
      activity.delete(clientId)
      if (store.has(presenceIdOf(clientId))) toRemove.push(presenceIdOf(clientId))
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  }

  const handleAwarenessChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    applyRemote([...added, ...updated], removed)
  }
  awareness.on('change', handleAwarenessChange)
  // States that arrived before we listened (e.g. with the first sync) produce no further change event.
  applyRemote(Array.from(awareness.getStates().keys()), [])

  return () => {
    stopBroadcasting()
    if (pending !== null) clearTimeout(pending)
    awareness.off('change', handleAwarenessChange)
    awareness.setLocalStateField(PRESENCE_FIELD, null)
  }
}

function readPresence(state: Record<string, unknown> | undefined, id: TLInstancePresence['id']): TLInstancePresence | null {
  const candidate: unknown = state?.[PRESENCE_FIELD]
  if (typeof candidate !== 'object' || candidate === null) return null
  try {
    return InstancePresenceRecordType.validate({ ...candidate, id })
  } catch (error) {
    console.warn('Ideenschmiede: ignored an invalid presence state', error)
    return null
  }
}
