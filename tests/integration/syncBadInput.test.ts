import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes.ts'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import { MessageType } from '../../server/sync/protocol.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { NoteMap, noteShape } from '../support/noteMap.ts'
import { openRaw, recordUpdate, updateMessage, upgradeStatus } from '../support/rawSyncClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
let alice: BoardClient
let bob: BoardClient
let BOARD: string

beforeEach(async () => {
  server = await startTestServer({ maxMessageBytes: 64 * 1024, maxPendingUpdatesPerClient: 5, maxRecordBytes: 32 * 1024 })
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
    const map = new NoteMap(source)
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

describe('board content the schema does not allow', () => {
  /** Sends what a stock client would send after writing `write` into its own copy of the board. */
  async function sendFromOwnCopy(write: (doc: Y.Doc) => void) {
    const raw = openRaw(`${server.wsUrl}/${BOARD}?token=${server.adminToken}`)
    await raw.opened
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(alice.doc))
    const before = Y.encodeStateVector(doc)
    write(doc)
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(doc, before)))
    return raw
  }

  const deniedTo = (raw: ReturnType<typeof openRaw>) => raw.received.some((message) => message[0] === MessageType.auth)

  it('a shape with x "NaN" and a 20 KB junk prop is neither stored nor relayed; its writer is told permission-denied', async () => {
    const note = noteShape('bad', 'Idee')
    const invalid = { ...note, x: 'NaN', props: { ...note.props, junk: 'x'.repeat(20_000) } }
    const raw = await sendFromOwnCopy((doc) => writeBoardRecords(doc, { set: [invalid] }))
    await until(() => deniedTo(raw), 'permission-denied for the invalid shape')
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    raw.ws.close()
    await expectRoomUnharmed()
  })

  it('a new root type with 50 KB in it is refused and never reaches the stored board', async () => {
    const raw = await sendFromOwnCopy((doc) => doc.getMap('junk').set('payload', 'y'.repeat(50_000)))
    await until(() => deniedTo(raw), 'permission-denied for the foreign root type')
    raw.ws.close()
    await expectRoomUnharmed()
    const room = await server.server.registry.open(BOARD)
    expect(room.doc.share.has('junk')).toBe(false)
  })

  it('a nested type inside the records array is refused', async () => {
    const raw = await sendFromOwnCopy((doc) => doc.getArray('tl_records').push([new Y.Map()]))
    await until(() => deniedTo(raw), 'permission-denied for the nested type')
    raw.ws.close()
    await expectRoomUnharmed()
  })

  it('a record over MAX_RECORD_BYTES closes that socket with 1009 and is not stored', async () => {
    const raw = await sendFromOwnCopy((doc) => new NoteMap(doc).set('huge', 'z'.repeat(40_000)))
    expect((await raw.closed).code).toBe(CloseCode.messageTooBig)
    await expectRoomUnharmed()
  })

  it('a board over MAX_BOARD_BYTES refuses writes with 4413 and can still be read', async () => {
    alice.destroy()
    bob.destroy()
    await server.stop()
    server = await startTestServer({ dataDir: server.config.dataDir, maxBoardBytes: 16 * 1024 })
    alice = await connectSynced(server.wsUrl, BOARD, server.adminToken)
    bob = await connectSynced(server.wsUrl, BOARD, server.adminToken)
    const raw = await sendFromOwnCopy((doc) => new NoteMap(doc).set('long', 'w'.repeat(20_000)))
    expect((await raw.closed).code).toBe(CloseCode.boardTooBig)
    const reader = await connectSynced(server.wsUrl, BOARD, server.adminToken)
    expect(reader.records.toJSON()).toEqual({ before: 'stored' })
    reader.destroy()
  })
})
