import { afterEach, describe, expect, it } from 'vitest'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { INBOUND_BURST_UNITS } from '../../server/sync/InboundBudget.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { openRaw, recordUpdate, updateMessage } from '../support/rawSyncClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.stop()
})

describe('a connection that sends faster than any person', () => {
  it('is slowed down by pausing its reads, not cut off, and every one of its edits arrives', async () => {
    server = await startTestServer()
    const board = await server.createBoard('Flut')
    const reader = await connectSynced(server.wsUrl, board, server.adminToken)
    clients.push(reader)
    const flooder = openRaw(`${server.wsUrl}/${board}?token=${server.adminToken}`)
    await flooder.opened
    const edits = INBOUND_BURST_UNITS * 3
    for (let n = 0; n < edits; n++) flooder.ws.send(updateMessage(recordUpdate(`flood-${n}`, `Idee ${n}`)))

    await until(() => server.server.metrics.read('sync_reads_paused_total') > 0, 'the server to pause reading the flood')
    const room = await server.server.registry.open(board)
    await until(() => server.server.metrics.read('board_updates_stored_total') >= edits, 'every edit of the flood stored', 30_000)
    expect([...readBoardRecords(room.doc).keys()].filter((id) => id.startsWith('shape:flood-')).length).toBe(edits)
    await until(() => reader.records.get(`flood-${edits - 1}`) === `Idee ${edits - 1}`, 'the reader to see the last edit', 30_000)
    expect(flooder.ws.readyState).toBe(flooder.ws.OPEN)
    flooder.ws.close()
  }, 60_000)
})
