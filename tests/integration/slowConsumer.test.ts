import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { CloseCode } from '../../shared/closeCodes.ts'
import { connectSynced, type BoardClient } from '../support/boardClient.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

let server: TestServer
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.stop()
})

const SEND_BUFFER_BYTES = 256 * 1024

describe('a client that stops reading', () => {
  it('is dropped with 1013 once its send buffer passes the bound, and resyncs when it reconnects', async () => {
    server = await startTestServer({ maxSendBufferBytes: SEND_BUFFER_BYTES })
    const board = await server.createBoard('busy')
    const writer = await connectSynced(server.wsUrl, board, server.adminToken)
    const slow = await connectSynced(server.wsUrl, board, server.adminToken)
    clients.push(writer, slow)
    const closes: number[] = []
    slow.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    const room = await server.server.registry.open(board)
    expect(room.connectionCount).toBe(2)

    // ws's pause() stops reading the socket: the kernel buffers fill, then the server's queue grows.
    const slowSocket = slow.provider.ws as unknown as WebSocket
    slowSocket.pause()
    const blob = 'x'.repeat(100 * 1024)
    let written = 0
    while (room.connectionCount === 2 && written < 2_000) {
      writer.records.set('stroke', `${written}:${blob}`)
      written += 1
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    expect(room.connectionCount).toBe(1)
    slowSocket.resume()

    await until(() => closes.length > 0, 'the slow client to read its close frame')
    expect(closes[0]).toBe(CloseCode.tryAgainLater)
    writer.records.set('after', 'drop')
    await until(() => slow.provider.synced && slow.records.get('after') === 'drop', 'the dropped client to reconnect and resync')
    expect(slow.records.get('stroke')).toBe(writer.records.get('stroke'))
  })
})
