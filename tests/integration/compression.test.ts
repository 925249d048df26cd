import http from 'node:http'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer } from '../e2e/support/appServer.ts'
import type { Board } from '../../shared/api.ts'
import { api, createEventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'

let server: TestServer

beforeAll(async () => {
  server = await startAppServer()
}, 300_000)

afterAll(async () => {
  await server?.stop()
})

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** The bytes on the wire, before any decoding. */
  body: Buffer
}

function getRaw(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.httpUrl}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

function decoded(response: RawResponse): string {
  const encoding = response.headers['content-encoding']
  if (encoding === 'br') return zlib.brotliDecompressSync(response.body).toString('utf8')
  if (encoding === 'gzip') return zlib.gunzipSync(response.body).toString('utf8')
  return response.body.toString('utf8')
}

const BROWSER = { 'Accept-Encoding': 'gzip, deflate, br, zstd' }

/** The join page's scripts and stylesheets: what index.html names, and every chunk those import statically. */
async function joinRouteFiles(): Promise<Map<string, string>> {
  const html = decoded(await getRaw('/?code=ABC234', BROWSER))
  const queue = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!)
  const files = new Map<string, string>()
  while (queue.length > 0) {
    const file = queue.shift()!
    if (files.has(file)) continue
    const text = decoded(await getRaw(file, BROWSER))
    files.set(file, text)
    // Static imports only (`from"./x.js"`, `import"./x.js"`); dynamic import() chunks are other routes.
    for (const match of text.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(`/assets/${match[1]!}`)
  }
  return files
}

describe('serving the client to phones', () => {
  it('sends scripts and styles Brotli-compressed to browsers that accept it, gzip to those that accept only gzip, plain to the rest', async () => {
    const html = decoded(await getRaw('/', BROWSER))
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!

    const brotli = await getRaw(script, BROWSER)
    expect(brotli.status).toBe(200)
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i)
    expect(brotli.headers['content-type']).toMatch(/javascript/)
    expect(brotli.headers['cache-control']).toMatch(/immutable/)

    const gzip = await getRaw(script, { 'Accept-Encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    const plain = await getRaw(script)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(decoded(brotli)).toBe(plain.body.toString('utf8'))
    expect(decoded(gzip)).toBe(plain.body.toString('utf8'))
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2)
  })

  it('compresses JSON answers of the API, and has the page (under 1 KB, left plain) checked on every load', async () => {
    const page = await getRaw('/e/abc', BROWSER)
    expect(page.status).toBe(200)
    expect(page.headers['cache-control']).toBe('no-cache')

    // A board from a template: well over the 1 KB below which nothing is compressed.
    const { event, facilitator } = await createEventFixture(server.httpUrl, server.adminToken)
    const board = await api<Board>(server.httpUrl, 'POST', `/api/events/${event.id}/boards`, facilitator.token, {
      title: 'Canvas',
      template: 'cross-innovation-canvas',
    })
    const exported = await getRaw(`/api/boards/${board.body.id}/export`, { ...BROWSER, Authorization: `Bearer ${facilitator.token}` })
    expect(exported.status).toBe(200)
    expect(exported.headers['content-encoding']).toMatch(/^(br|gzip)$/)
    expect(exported.headers.vary).toMatch(/Accept-Encoding/i)
    expect(JSON.parse(decoded(exported))).toMatchObject({ title: 'Canvas' })
  })

  it('loads no tldraw and no board sync code on the join page, and stays small', async () => {
    const files = await joinRouteFiles()
    expect(files.size).toBeGreaterThan(1)
    for (const [file, text] of files) {
      expect(file).not.toMatch(/\/(tldraw|sync|BoardPage|ConsolePage|ProjectorPage)-/)
      // tldraw's canvas and its stylesheet are made of tl- classes; none of our join code uses them.
      expect(text, file).not.toContain('tl-canvas')
      expect(text, file).not.toContain('.tl-container')
    }
    let compressedBytes = 0
    for (const file of files.keys()) compressedBytes += (await getRaw(file, BROWSER)).body.length
    expect(compressedBytes).toBeLessThanOrEqual(150 * 1024)
  })
})
