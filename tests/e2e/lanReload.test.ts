import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { waitForCanvas, waitForConnection } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

/** A venue LAN address is plain HTTP and not localhost: not a secure context, so no service worker. */
const LAN_HOST = 'lan.ideenschmiede.test'

let server: TestServer
let browser: Browser
let context: BrowserContext

interface Fetched {
  url: string
  type: string
  /** As sent by the server: 304 for a revalidated file. */
  status: number
  /** Bytes on the wire for this response, headers included; 0 when a cache answered without asking the server. */
  bytes: number
}

interface Reload {
  /** Every http(s) response of the load, data: URLs left out. */
  responses: Fetched[]
  httpBytes: number
  webSocketBytes: number
}

/** Reloads the page and records every HTTP response and the bytes it cost, from Chromium's network events. */
async function reloadAndRecord(page: Page): Promise<Reload> {
  // What the previous load started late (tldraw's fonts) must not count as this one's.
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => document.fonts.status === 'loaded')
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  const fetched = new Map<string, Fetched>()
  let webSocketBytes = 0
  cdp.on('Network.responseReceived', (event) => {
    const { response } = event
    if (!/^https?:/.test(response.url)) return
    fetched.set(event.requestId, { url: response.url.replace(/^https?:\/\/[^/]+/, ''), type: event.type, status: response.status, bytes: 0 })
  })
  // Chromium reports a revalidated response with the cached status (200); the status on the wire (304) comes here.
  const wireStatus = new Map<string, number>()
  cdp.on('Network.responseReceivedExtraInfo', (event) => wireStatus.set(event.requestId, event.statusCode))
  cdp.on('Network.loadingFinished', (event) => {
    const entry = fetched.get(event.requestId)
    if (entry) entry.bytes = event.encodedDataLength
  })
  cdp.on('Network.webSocketFrameReceived', (event) => {
    // Binary frames come base64-encoded: 3 bytes on the wire per 4 characters.
    const { opcode, payloadData } = event.response
    webSocketBytes += opcode === 2 ? Math.floor((payloadData.length * 3) / 4) : payloadData.length
  })
  await page.reload()
  await waitForCanvas(page)
  await waitForConnection(page, 'online')
  await page.waitForLoadState('networkidle')
  await cdp.detach()
  for (const [requestId, status] of wireStatus) {
    const entry = fetched.get(requestId)
    if (entry) entry.status = status
  }
  const responses = [...fetched.values()]
  return { responses, httpBytes: responses.reduce((sum, entry) => sum + entry.bytes, 0), webSocketBytes }
}

function describeReload(name: string, reload: Reload): string {
  const fromNetwork = reload.responses.filter((entry) => entry.bytes > 0)
  return (
    `\n  ${name}: ${reload.httpBytes} bytes over HTTP in ${fromNetwork.length} requests ` +
    `(${fromNetwork.map((entry) => `${entry.url.split('?')[0]} ${entry.status} ${entry.bytes} B`).join(', ')}); ` +
    `${reload.responses.length - fromNetwork.length} files from the HTTP cache; ${reload.webSocketBytes} bytes received over WebSockets\n`
  )
}

async function openBoard(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await waitForCanvas(page)
  await waitForConnection(page, 'online')
}

describeInChromium('reloading a board on plain HTTP at a LAN address', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium([`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`])
    context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await context.addInitScript(() => {
      localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: 'lan-user', name: 'Lea', color: '#1971c2', locale: 'de' }))
    })
  })

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await server?.stop()
  })

  it('a reload fetches no script or style again and revalidates index.html (304); offline, the banner says not to reload, since that fails', async () => {
    const boardId = await server.createBoard('WLAN im Saal')
    const port = new URL(server.httpUrl).port
    const page = await context.newPage()
    await openBoard(page, `http://${LAN_HOST}:${port}/b/${boardId}?token=${await server.participantToken()}`)
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false)
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull()

    // What the first load started late (tldraw's fonts) must not count as the reload's.
    await page.waitForLoadState('networkidle')
    await page.waitForFunction(() => document.fonts.status === 'loaded')
    // The link's URL carries ?token=, which the app then drops from the address bar: the first reload
    // asks for a URL the cache has not seen, and gets index.html in full; every later one revalidates it.
    const first = await reloadAndRecord(page)
    const later = await reloadAndRecord(page)
    process.stdout.write(describeReload('first reload on plain HTTP', first) + describeReload('later reloads', later))

    for (const reload of [first, later]) {
      const scriptsAndStyles = reload.responses.filter((entry) => entry.type === 'Script' || entry.type === 'Stylesheet')
      expect(scriptsAndStyles.length).toBeGreaterThan(0)
      expect(scriptsAndStyles.filter((entry) => entry.bytes > 0)).toEqual([])
      expect(reload.responses.filter((entry) => entry.url.startsWith('/assets/') && entry.bytes > 0)).toEqual([])
      expect(reload.httpBytes).toBeLessThan(10_000)
    }
    expect(later.responses.find((entry) => entry.type === 'Document')).toMatchObject({ status: 304 })

    await context.setOffline(true)
    await waitForConnection(page, 'offline')
    await expect.poll(() => page.getByTestId('offline-banner').innerText()).toContain('Lade die Seite nicht neu, bis das WLAN wieder da ist')
    // Why: without a service worker nothing answers for the page itself, and the browser shows its error page.
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/)
    await context.setOffline(false)
  })
})
