import { afterEach, describe, expect, it } from 'vitest'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { INBOUND_BURST_UNITS, INBOUND_UNITS_PER_SECOND } from '../../server/sync/InboundBudget.ts'
import { OFFENCE_UNITS } from '../../server/sync/OffenderBudgets.ts'
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

describe('a client that keeps breaking the protocol and reconnecting', () => {
  it('is not served faster by coming back: once its burst is spent, each new connection waits before it is read; others are not held up', async () => {
    server = await startTestServer()
    const board = await server.createBoard('Wiederholungstäter')
    const attackerUrl = `${server.wsUrl}/${board}?token=${await server.participantToken()}`
    /** How long the server takes to close a new connection over a malformed frame. */
    const malformedRound = async (): Promise<number> => {
      const raw = openRaw(attackerUrl)
      await raw.opened
      const sentAt = performance.now()
      raw.ws.send(new Uint8Array([0, 1]))
      const { code } = await raw.closed
      expect(code).toBe(1007)
      return performance.now() - sentAt
    }
    // Each offence past the burst is a debt the next connection waits out before its first frame is read.
    const debtMs = (OFFENCE_UNITS / INBOUND_UNITS_PER_SECOND) * 1000
    // The burst refills while the rounds run, so it lasts somewhat longer than burst ÷ offence.
    const maxRoundsInBurst = 3 * Math.ceil(INBOUND_BURST_UNITS / OFFENCE_UNITS)
    let rounds = 0
    while (rounds < maxRoundsInBurst && (await malformedRound()) < debtMs * 0.9) rounds += 1
    expect(rounds).toBeLessThan(maxRoundsInBurst)
    const paced: number[] = []
    for (let n = 0; n < 5; n++) paced.push(await malformedRound())
    expect(Math.min(...paced)).toBeGreaterThanOrEqual(debtMs * 0.9)

    // Someone else at the same address, with another link, connects and writes at once.
    const honest = await connectSynced(server.wsUrl, board, await server.participantToken())
    clients.push(honest)
    const writer = openRaw(`${server.wsUrl}/${board}?token=${await server.participantToken()}`)
    await writer.opened
    const writtenAt = performance.now()
    writer.ws.send(updateMessage(recordUpdate('ehrlich', 'Idee')))
    await until(() => honest.records.get('ehrlich') === 'Idee', 'the honest edit to arrive')
    expect(performance.now() - writtenAt).toBeLessThan(debtMs * 0.9)
    writer.ws.close()
    expect(server.server.metrics.read('sync_offences_total')).toBe(rounds + 1 + paced.length)
  }, 60_000)
})
