import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makePng } from '../e2e/support/makePng.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'

let server: TestServer
let board1: string
let board2: string

beforeEach(async () => {
  server = await startTestServer({ assetMaxBytes: 64 * 1024 })
  board1 = await server.createBoard('one')
  board2 = await server.createBoard('two')
})

afterEach(async () => {
  await server.stop()
})

function upload(boardId: string, bytes: Uint8Array, contentType = 'image/png', token = server.adminToken): Promise<Response> {
  return fetch(`${server.httpUrl}/api/boards/${boardId}/assets`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Authorization: `Bearer ${token}` },
    body: new Blob([new Uint8Array(bytes)]),
  })
}

describe('board image uploads', () => {
  it('an uploaded image is served back byte-identical, with long-lived caching', async () => {
    const png = makePng(40, 30)
    const response = await upload(board1, png)
    expect(response.status).toBe(201)
    const { url } = (await response.json()) as { url: string }
    expect(url).toMatch(new RegExp(`^/api/boards/${board1}/assets/[0-9a-f]{64}\\.png$`))

    const served = await fetch(`${server.httpUrl}${url}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('cache-control')).toContain('immutable')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
  })

  it('the type comes from the content, not from what the client claims', async () => {
    const response = await upload(board1, makePng(4, 4), 'application/octet-stream')
    expect(response.status).toBe(201)
    const { url } = (await response.json()) as { url: string }
    expect(url.endsWith('.png')).toBe(true)
  })

  it('a file that is not an image is refused with a JSON error, even when labelled as one', async () => {
    const response = await upload(board1, new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 'image/png')
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } })
  })

  it('a file over the size limit is refused with a JSON error', async () => {
    const response = await upload(board1, makePng(200, 200))
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it('an asset is only found under the board it was uploaded to', async () => {
    const response = await upload(board1, makePng(8, 8))
    const { url } = (await response.json()) as { url: string }
    const elsewhere = await fetch(`${server.httpUrl}${url.replace(board1, board2)}`)
    expect(elsewhere.status).toBe(404)
    expect(await elsewhere.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('only people of the board’s event who may edit can upload', async () => {
    expect((await upload(board1, makePng(4, 4), 'image/png', 'unknown-token')).status).toBe(401)
    const viewerLink = await server.server.access.issueLink(await server.eventId(), 'viewer', null)
    const viewerUpload = await upload(board1, makePng(4, 4), 'image/png', viewerLink.token)
    expect(viewerUpload.status).toBe(403)
    expect(await viewerUpload.json()).toMatchObject({ error: { code: 'forbidden' } })
  })

  it('the client reads its run-time configuration from the server', async () => {
    const response = await fetch(`${server.httpUrl}/api/client-config`)
    expect(await response.json()).toEqual({ tldrawLicenseKey: null, assetMaxBytes: 64 * 1024 })
  })
})
