import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import type { NetworkProfile } from './networkProfiles.ts'

/** Selectors whose first appearance each page writes down (Date.now(), in localStorage, so it survives navigations). */
export const MARKS = {
  codeField: '[data-testid="join-code"]:not([disabled])',
  identityForm: '[data-testid="lobby-name"]',
  canvas: '.tl-canvas',
} as const
export type Mark = keyof typeof MARKS

export interface RequestRecord {
  url: string
  method: string
  /** Bytes on the wire, headers included, as Chromium's network stack counted them. */
  encodedBytes: number
  /** Date.now() when the last byte arrived. */
  finishedAt: number
}

/** A phone (390×844, touch) in its own context, with Chromium's network throttling and a byte count of everything it loads. */
export class ThrottledPhone {
  readonly requests: RequestRecord[] = []
  webSocketBytes = 0

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(browser: Browser, profile: NetworkProfile, preferences: Record<string, string> | null): Promise<ThrottledPhone> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    // A string, not a function: tsx compiles functions with helpers (__name) that do not exist in the page.
    await context.addInitScript(`(() => {
      const marks = ${JSON.stringify(MARKS)}
      const preferences = ${JSON.stringify(preferences)}
      if (preferences && !localStorage.getItem('ideenschmiede.user')) localStorage.setItem('ideenschmiede.user', JSON.stringify(preferences))
      const check = () => {
        for (const [name, selector] of Object.entries(marks)) {
          const key = 'bench:' + name
          if (!localStorage.getItem(key) && document.querySelector(selector)) localStorage.setItem(key, String(Date.now()))
        }
      }
      new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true })
    })()`)
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const phone = new ThrottledPhone(context, page, cdp)
    await phone.throttle(profile)
    return phone
  }

  get httpBytes(): number {
    return this.requests.reduce((sum, request) => sum + request.encodedBytes, 0)
  }

  /** When a mark first showed, in Date.now() milliseconds; null if it has not. */
  async markAt(mark: Mark): Promise<number | null> {
    const value = await this.page.evaluate((key) => localStorage.getItem(key), `bench:${mark}`)
    return value === null ? null : Number(value)
  }

  async waitForMark(mark: Mark, timeoutMs = 120_000): Promise<number> {
    // Asked of localStorage, not of the page: the join page may be gone (on to the lobby) before a locator would see its field.
    await this.page.waitForFunction((key) => localStorage.getItem(key) !== null, `bench:${mark}`, { timeout: timeoutMs, polling: 50 })
    return (await this.markAt(mark)) ?? Number.NaN
  }

  close(): Promise<void> {
    return this.context.close()
  }

  private async throttle(profile: NetworkProfile): Promise<void> {
    const pending = new Map<string, { url: string; method: string }>()
    this.cdp.on('Network.requestWillBeSent', (event) => pending.set(event.requestId, { url: event.request.url, method: event.request.method }))
    this.cdp.on('Network.loadingFinished', (event) => {
      const request = pending.get(event.requestId)
      if (!request) return
      pending.delete(event.requestId)
      this.requests.push({ ...request, encodedBytes: event.encodedDataLength, finishedAt: Date.now() })
    })
    // Frame payloads: text as is, binary (Yjs) base64-encoded, so three bytes for every four characters.
    const countFrame = (event: { response: { opcode: number; payloadData: string } }): void => {
      const { opcode, payloadData } = event.response
      this.webSocketBytes += opcode === 2 ? Math.floor((payloadData.length * 3) / 4) : payloadData.length
    }
    this.cdp.on('Network.webSocketFrameReceived', countFrame)
    this.cdp.on('Network.webSocketFrameSent', countFrame)
    await this.cdp.send('Network.enable')
    await this.cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latencyMs,
      downloadThroughput: profile.downloadBytesPerSecond,
      uploadThroughput: profile.uploadBytesPerSecond,
    })
  }
}
