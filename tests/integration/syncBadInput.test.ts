import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { openRaw, recordUpdate, updateMessage, upgradeStatus } from '../support/rawSyncClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let alice: BoardClient
let bob: BoardClient
let BOARD: string

beforeEach(async () => {
  server = await startTestServer({ maxMessageBytes: 64 * 1024, maxPendingUpdatesPerClient: 5 })
  BOARD = await server.createBoard('workshop')
  alice = await connectSynced(server.wsUrl, BOARD, server.adminToken)
  bob = await connectSynced(server.wsUrl, BOARD, server.adminToken)
  alice.records.set('before', 'stored')
  await until(() => bob.records.get('before') === 'stored', 'the first record at bob')
})

afterEach(async () => {
  alice.destroy()
  bob.destroy()
  await server.stop()
})

/** The room, its other clients and the stored board are untouched by what one socket sent. */
async function expectRoomUnharmed(): Promise<void> {
  alice.records.set('after', 'still syncing')
  await until(() => bob.records.get('after') === 'still syncing', 'bob to receive an edit made after the bad input')
  alice.destroy()
  bob.destroy()
  await server.stop()
  server = await startTestServer({ dataDir: server.config.dataDir })
  alice = await connectSynced(server.wsUrl, BOARD, server.adminToken)
  bob = await connectSynced(server.wsUrl, BOARD, server.adminToken)
  await until(() => alice.records.size === 2, 'the stored board after a restart')
  expect(alice.records.toJSON()).toEqual({ before: 'stored', after: 'still syncing' })
}

describe('bad input on the sync endpoint', () => {
  it.each(['bad%20id', 'a'.repeat(65), '..%2Fetc', 'ümlaut'])('a board id like %s gets HTTP 400 before the upgrade', async (id) => {
    expect(await upgradeStatus(`${server.wsUrl}/${id}?token=${server.adminToken}`)).toBe(400)
  })

  it('an upgrade on an unknown path gets 404 instead of hanging', async () => {
    expect(await upgradeStatus(server.wsUrl.replace('/yjs', '/nowhere'))).toBe(404)
  })

  it('a frame over MAX_MESSAGE_BYTES closes that socket with 1009', async () => {
    const raw = openRaw(`${server.wsUrl}/${BOARD}?token=${server.adminToken}`)
    await raw.opened
    raw.ws.send(updateMessage(recordUpdate('huge', 'x'.repeat(100 * 1024))))
    expect((await raw.closed).code).toBe(CloseCode.messageTooBig)
    await expectRoomUnharmed()
    expect(alice.records.has('huge')).toBe(false)
  })

  it('a malformed frame closes that socket with 1007', async () => {
    const raw = openRaw(`${server.wsUrl}/${BOARD}?token=${server.adminToken}`)
    await raw.opened
    raw.ws.send(new Uint8Array([0, 1]))
    expect((await raw.closed).code).toBe(CloseCode.invalidPayload)
    await expectRoomUnharmed()
  })

  it('an update Yjs cannot apply closes that socket with 1007 and is not stored', async () => {
    const raw = openRaw(`${server.wsUrl}/${BOARD}?token=${server.adminToken}`)
    await raw.opened
    raw.ws.send(updateMessage(new TextEncoder().encode('this is not a yjs update at all')))
    expect((await raw.closed).code).toBe(CloseCode.invalidPayload)
    await expectRoomUnharmed()
  })

  it('a text frame closes that socket with 1007', async () => {
    const raw = openRaw(`${server.wsUrl}/${BOARD}?token=${server.adminToken}`)
    await raw.opened
    raw.ws.send('hello')
    expect((await raw.closed).code).toBe(CloseCode.invalidPayload)
    await expectRoomUnharmed()
  })

  it('an unknown message type is ignored and the socket keeps syncing', async () => {
    const raw = openRaw(`${server.wsUrl}/${BOARD}?token=${server.adminToken}`)
    await raw.opened
    const unknown = encoding.createEncoder()
    encoding.writeVarUint(unknown, 99)
    encoding.writeVarString(unknown, 'from the future')
    raw.ws.send(encoding.toUint8Array(unknown))
    raw.ws.send(updateMessage(recordUpdate('raw', 'accepted')))
    await until(() => bob.records.get('raw') === 'accepted', 'the raw client’s later update to reach bob')
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    raw.ws.close()
  })

  it('a client that keeps sending updates with missing dependencies is dropped', async () => {
    const raw = openRaw(`${server.wsUrl}/${BOARD}?token=${server.adminToken}`)
    await raw.opened
    const source = new Y.Doc()
    const map = source.getMap<string>('records')
    map.set('first', '1')
    const base = Y.encodeStateVector(source)
    for (let i = 0; i < 10; i++) {
      map.set(`gap${i}`, 'x')
    }
    // Skipping the first update leaves every later one without its predecessor.
    const gapped = Y.encodeStateAsUpdate(source, base)
    for (let i = 0; i < 10; i++) raw.ws.send(updateMessage(gapped))
    expect((await raw.closed).code).toBe(CloseCode.policyViolation)
    await expectRoomUnharmed()
  })
})
