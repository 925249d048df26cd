/*
 * The transport's floor for `npm run bench:floor`: ws accepts each connection
 * as it does for every server here, then every update a client sends is
 * copied, as one frame encoded once, to the other sockets of its room. No
 * Yjs, no storage, no check: what any relay on Node and ws pays per delivery
 * before it does anything with a board. A sync step 1 gets an empty step 2,
 * so the bench's clients finish their handshake.
 *
 * env: PORT, HOST
 */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { encodeBinaryFrame } from '../../server/sync/binaryFrame.ts'
import { EMPTY_STEP2, readEnvelope } from '../wire.ts'

const port = Number(process.env.PORT)
const host = process.env.HOST
if (!Number.isInteger(port) || port <= 0 || !host) throw new Error('byteRelay: PORT and HOST must be set')

/** ws's socket, written to directly as ours does, so the floor pays no framing per recipient either. */
function transportOf(ws: WebSocket): Duplex {
  return (ws as unknown as { _socket: Duplex })._socket
}

const rooms = new Map<string, Set<WebSocket>>()
const emptyStep2Frame = encodeBinaryFrame(EMPTY_STEP2)
const server = http.createServer((_request, response) => response.end('okay'))
const wss = new WebSocketServer({ server, perMessageDeflate: false })

wss.on('connection', (ws, request) => {
  const name = request.url ?? '/'
  const room = rooms.get(name) ?? new Set<WebSocket>()
  rooms.set(name, room)
  room.add(ws)
  ws.on('message', (data: Buffer) => {
    let kind
    try {
      kind = readEnvelope(data).kind
    } catch {
      // A frame too short for its message type: closed like any server would, instead of crashing the relay.
      ws.close(1007, 'malformed message')
      return
    }
    if (kind === 'step1') {
      transportOf(ws).write(emptyStep2Frame)
    } else if (kind === 'update') {
      const frame = encodeBinaryFrame(data)
      for (const other of room) if (other !== ws) transportOf(other).write(frame)
    }
  })
  ws.on('close', () => {
    room.delete(ws)
    if (room.size === 0) rooms.delete(name)
  })
})
server.listen(port, host, () => process.stdout.write(`byte relay listening on ${host}:${port}\n`))
