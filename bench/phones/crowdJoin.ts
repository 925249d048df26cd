import http from 'node:http'
import { io } from 'socket.io-client'
import { connectBoard } from '../../tests/support/boardClient.ts'
import { readCpuMicros, sleep, until } from '../procStats.ts'
import type { ServerHandle } from '../servers.ts'
import { CountingProxy } from './countingProxy.ts'
import type { RequestRecord } from './throttledPhone.ts'

/** What a browser says it accepts; the server picks Brotli. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd'
/** Browsers open up to six connections to one host. */
const PARALLEL_REQUESTS = 6

export interface CrowdFigures {
  phones: number
  windowMs: number
  serverCpuMs: number
  totalBytes: number
  bytesPerPhone: number
  slowestJoinMs: number
}

/**
 * `phones` phones join within `windowMs`, evenly spread: each loads what the
 * measured phone loaded (the same GETs, with its own token), joins by code,
 * opens the board over y-websocket and the workshop over socket.io. Bytes
 * are counted on the wire through a relay; CPU is the server process's.
 */
export async function measureCrowdJoin(server: ServerHandle, joinRequests: readonly RequestRecord[], phones: number, windowMs: number): Promise<CrowdFigures> {
  if (!server.event) throw new Error('the crowd join needs our server')
  const { api, id: eventId } = server.event
  const boardId = await api.createBoard(eventId, 'Freie Ideenschmiede (80)')
  const code = await api.createJoinCode(eventId)
  const { proxy, port } = await CountingProxy.start(Number(new URL(server.httpUrl).port))
  const base = `http://127.0.0.1:${port}`
  const paths = [...new Set(joinRequests.map((request) => new URL(request.url).pathname))].filter((path) => /^\/(assets|api)\//.test(path))
  const cleanups: Array<() => void> = []
  const cpuBefore = readCpuMicros(server.pid)
  const startedAt = Date.now()
  let slowestJoinMs = 0

  const joinOne = async (n: number): Promise<void> => {
    await sleep((n * windowMs) / phones)
    const began = Date.now()
    const agent = new http.Agent({ keepAlive: true, maxSockets: PARALLEL_REQUESTS })
    const get = (path: string, token: string | null) => request(agent, `${base}${path}`, 'GET', token, null)
    await get('/', null)
    const joined = JSON.parse((await request(agent, `${base}/api/join`, 'POST', null, JSON.stringify({ code }))).toString('utf8')) as { token: string }
    await get(`/e/${eventId}`, joined.token)
    await get(`/b/${boardId}`, joined.token)
    await inParallel(paths, PARALLEL_REQUESTS, (path) => get(path, joined.token))
    const session = io(base, { auth: { token: joined.token, eventId }, transports: ['websocket'], reconnection: false })
    const board = connectBoard(`ws://127.0.0.1:${port}/yjs`, boardId, joined.token)
    cleanups.push(() => {
      session.close()
      board.destroy()
      agent.destroy()
    })
    await until(() => session.connected && board.provider.synced, `phone ${n} to connect`, 60_000)
    slowestJoinMs = Math.max(slowestJoinMs, Date.now() - began)
  }
  try {
    await Promise.all(Array.from({ length: phones }, (_, n) => joinOne(n)))
    const figures = {
      phones,
      windowMs: Date.now() - startedAt,
      serverCpuMs: (readCpuMicros(server.pid) - cpuBefore) / 1000,
      totalBytes: proxy.bytes,
      bytesPerPhone: proxy.bytes / phones,
      slowestJoinMs,
    }
    return figures
  } finally {
    for (const cleanup of cleanups) cleanup()
    await proxy.close()
  }
}

function request(agent: http.Agent, url: string, method: 'GET' | 'POST', token: string | null, body: string | null): Promise<Buffer> {
  const headers: Record<string, string> = { 'Accept-Encoding': BROWSER_ENCODINGS }
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== null) headers['Content-Type'] = 'application/json'
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => ((res.statusCode ?? 500) < 400 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${method} ${url} answered ${res.statusCode}`))))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body ?? undefined)
  })
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items]
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
  }))
}
