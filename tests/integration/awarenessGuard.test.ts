import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { openRaw, type RawSyncClient } from '../support/rawSyncClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let board: string
let alice: BoardClient
let bob: BoardClient
let attacker: RawSyncClient
/** Every state of alice's client id that bob was shown. */
let aliceAsSeenByBob: unknown[]

beforeEach(async () => {
  server = await startTestServer({ maxAwarenessStateBytes: 1024 })
  board = await server.createBoard('presence')
  alice = await connectSynced(server.wsUrl, board, server.adminToken)
  bob = await connectSynced(server.wsUrl, board, server.adminToken)
  aliceAsSeenByBob = []
  bob.provider.awareness.on('change', () => aliceAsSeenByBob.push(bob.provider.awareness.getStates().get(alice.doc.clientID) ?? null))
  alice.provider.awareness.setLocalState({ name: 'Alice', cursor: 1 })
  await until(() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.name === 'Alice', 'bob to see alice')
  attacker = openRaw(`${server.wsUrl}/${board}?token=${await server.participantToken()}`)
  await attacker.opened
})

afterEach(async () => {
  attacker.ws.close()
  alice.destroy()
  bob.destroy()
  await server.stop()
})

/** An awareness message with one entry, as y-protocols encodes it. */
function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const entries = encoding.createEncoder()
  encoding.writeVarUint(entries, 1)
  encoding.writeVarUint(entries, clientId)
  encoding.writeVarUint(entries, clock)
  encoding.writeVarString(entries, JSON.stringify(state))
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, 1)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(entries))
  return encoding.toUint8Array(message)
}

describe('awareness from a connection', () => {
  it('a foreign awareness id is refused: nobody else can move or remove alice’s cursor', async () => {
    const aliceClock = alice.provider.awareness.meta.get(alice.doc.clientID)?.clock ?? 0
    attacker.ws.send(awarenessMessage(alice.doc.clientID, aliceClock + 10, { name: 'Mallory', cursor: 666 }))
    attacker.ws.send(awarenessMessage(alice.doc.clientID, aliceClock + 11, null))
    // Its own id is fine, so the server has handled the attack once this one arrives.
    attacker.ws.send(awarenessMessage(424242, 1, { name: 'Mallory' }))
    await until(() => bob.provider.awareness.getStates().get(424242)?.name === 'Mallory', 'the attacker’s own state at bob')
    alice.provider.awareness.setLocalState({ name: 'Alice', cursor: 2 })
    await until(() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.cursor === 2, 'alice’s next move at bob')
    expect(aliceAsSeenByBob.every((state) => (state as { name?: string } | null)?.name === 'Alice')).toBe(true)
  })

  it('a state over the size cap is refused', async () => {
    attacker.ws.send(awarenessMessage(515151, 1, { name: 'x'.repeat(2000) }))
    attacker.ws.send(awarenessMessage(525252, 1, { name: 'small' }))
    await until(() => bob.provider.awareness.getStates().has(525252), 'the small state at bob')
    expect(bob.provider.awareness.getStates().has(515151)).toBe(false)
  })

  it("a participant's presence with the facilitator mark is refused; a facilitator's arrives", async () => {
    const marked = (name: string) => ({ presence: { userName: name, meta: { coarsePointer: false, facilitator: true } } })
    attacker.ws.send(awarenessMessage(717171, 1, marked('Mallory')))
    // Unmarked, the same participant's next state is fine, so the server has handled the forged one once this arrives.
    attacker.ws.send(awarenessMessage(727272, 1, { presence: { userName: 'Mallory', meta: { coarsePointer: false, facilitator: false } } }))
    await until(() => bob.provider.awareness.getStates().has(727272), 'the unmarked state at bob')
    expect(bob.provider.awareness.getStates().has(717171)).toBe(false)

    alice.provider.awareness.setLocalState(marked('Alice'))
    await until(() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.presence?.meta?.facilitator === true, 'the facilitator’s mark at bob')
  })

  it('a burst is coalesced to the newest state', async () => {
    for (let i = 1; i <= 200; i++) attacker.ws.send(awarenessMessage(616161, i, { cursor: i }))
    await until(() => bob.provider.awareness.getStates().get(616161)?.cursor === 200, 'the newest state of the burst at bob')
    const seen = aliceAsSeenByBob.length
    expect(seen).toBeLessThan(100)
  })
})
