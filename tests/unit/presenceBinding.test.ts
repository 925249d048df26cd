import {
  atom,
  CameraRecordType,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  getIndexAbove,
  InstancePageStateRecordType,
  InstancePresenceRecordType,
  PageRecordType,
  PointerRecordType,
  TLINSTANCE_ID,
  TLPOINTER_ID,
  UserRecordType,
  type TLInstancePresence,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bindPresence } from '../../client/src/collab/presence.ts'
import { PRESENCE_FIELD, readPresenceMeta } from '../../shared/presenceMeta.ts'
import { until } from '../support/until.ts'

/** A peer whose clock is ten minutes behind ours, as a phone's may be. */
const PEER_CLOCK_BEHIND_MS = 10 * 60_000

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** The records presence is read from, which the editor would create. */
function usableStore(): TLStore {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  const pageId = PageRecordType.createId('page')
  store.put([
    PageRecordType.create({ id: pageId, name: 'Seite 1', index: getIndexAbove(null) }),
    store.schema.types.instance.create({ id: TLINSTANCE_ID, currentPageId: pageId }),
    InstancePageStateRecordType.create({ id: InstancePageStateRecordType.createId(pageId), pageId }),
    CameraRecordType.create({ id: CameraRecordType.createId(pageId) }),
    PointerRecordType.create({ id: TLPOINTER_ID }),
  ])
  return store
}

function bound(facilitator = atom('facilitator', false)) {
  const store = usableStore()
  const awareness = new Awareness(new Y.Doc())
  const user = atom('user', UserRecordType.create({ id: createUserId('me'), name: 'Mona', color: '#9c36b5' }))
  cleanups.push(bindPresence({ store, awareness, user, facilitator }), () => awareness.destroy())
  return { store, awareness, facilitator }
}

function ourMeta(awareness: Awareness) {
  const presence = awareness.getLocalState()?.[PRESENCE_FIELD] as TLInstancePresence | null | undefined
  return presence ? readPresenceMeta(presence.meta) : null
}

function peerSays(receiver: Awareness, peer: Awareness, pointer: { x: number; y: number }, lastActivityTimestamp: number): void {
  peer.setLocalStateField(
    PRESENCE_FIELD,
    InstancePresenceRecordType.create({
      id: InstancePresenceRecordType.createId('peer'),
      userId: createUserId('anna'),
      userName: 'Anna',
      currentPageId: PageRecordType.createId('page'),
      cursor: { ...pointer, type: 'default', rotation: 0 },
      camera: { x: 0, y: 0, z: 1 },
      lastActivityTimestamp,
    }),
  )
  applyAwarenessUpdate(receiver, encodeAwarenessUpdate(peer, [peer.clientID]), 'peer')
}

describe('presence through awareness', () => {
  it('our presence says whether we use touch, and carries the facilitator mark once the event says so', async () => {
    const { store, awareness, facilitator } = bound()
    await until(() => ourMeta(awareness) !== null, 'our first presence')
    expect(ourMeta(awareness)).toEqual({ coarsePointer: false, facilitator: false })

    store.update(TLINSTANCE_ID, (instance) => ({ ...instance, isCoarsePointer: true }))
    facilitator.set(true)
    await until(() => ourMeta(awareness)?.facilitator === true && ourMeta(awareness)?.coarsePointer === true, 'the touch pointer and the mark')
  })

  it("a peer's pointer movement is kept on our clock: not active when we meet them, now when it moves, not when only their stamp changes", () => {
    const { store, awareness } = bound()
    const peer = new Awareness(new Y.Doc())
    cleanups.push(() => peer.destroy())
    const peerNow = Date.now() - PEER_CLOCK_BEHIND_MS
    const seenActivity = () => store.query.records('instance_presence').get()[0]?.lastActivityTimestamp

    peerSays(awareness, peer, { x: 10, y: 10 }, peerNow)
    expect(seenActivity()).toBe(0)

    // Typing into a note stamps activity without moving the pointer.
    peerSays(awareness, peer, { x: 10, y: 10 }, peerNow + 1_000)
    expect(seenActivity()).toBe(0)

    const before = Date.now()
    peerSays(awareness, peer, { x: 60, y: 10 }, peerNow + 2_000)
    expect(seenActivity()).toBeGreaterThanOrEqual(before)
    expect(seenActivity()).toBeLessThanOrEqual(Date.now())
  })
})
