import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { TestServer } from '../support/testServer.ts'
import { startTestServer } from '../support/testServer.ts'
import { ensureClientBuilt } from './support/appServer.ts'
import { canvasCenter, drawRectangle, joinBoard, shapes, waitForConnection, type Participant } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

/** Pictures to look at (ignored by git). */
const SHOTS = path.resolve('test-screenshots/board-full')
/** Small enough that a few drawn rectangles fill the board. */
const MAX_BOARD_BYTES = 16 * 1024
const MAX_RECTANGLES = 60

let server: TestServer
let browser: Browser
const participants: Participant[] = []

describeInChromium('a board that reaches its size limit', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true })
    await ensureClientBuilt()
    server = await startTestServer({ maxBoardBytes: MAX_BOARD_BYTES })
    browser = await launchChromium()
  })

  afterEach(async () => {
    for (const participant of participants.splice(0)) await participant.context.close()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('tells the writer the board is full, stops editing there without a reconnect loop, and others still see what was stored', async () => {
    const boardId = await server.createBoard('Volle Wand')
    const url = `${server.httpUrl}/b/${boardId}?token=${await server.participantToken()}`
    const anna = await joinBoard(browser, url, 'Anna')
    participants.push(anna)
    await waitForConnection(anna.page, 'online')
    let sockets = 0
    anna.page.on('websocket', (socket) => {
      if (socket.url().includes('/yjs/')) sockets += 1
    })

    const center = await canvasCenter(anna.page)
    const banner = anna.page.getByTestId('board-full-banner')
    for (let n = 0; n < MAX_RECTANGLES && !(await banner.isVisible()); n++) {
      await drawRectangle(anna.page, { x: center.x - 500 + (n % 8) * 120, y: center.y - 300 + Math.floor(n / 8) * 90 }, { w: 90, h: 60 })
    }
    await banner.waitFor({ timeout: 10_000 })
    expect(await banner.textContent()).toBe('Dieses Board ist voll: Deine letzte Änderung wurde nicht gespeichert. Mach auf einem neuen Board weiter – die Moderation kann eins anlegen.')
    expect(await anna.page.getByTestId('connection-state').getAttribute('data-state')).toBe('full')
    expect(await anna.page.getByTestId('connection-state').textContent()).toBe('Board voll')
    await anna.page.screenshot({ path: path.join(SHOTS, 'laptop.png') })

    // No new connection tries to send the refused edits again, and nothing can be drawn where it would not be kept.
    const socketsWhenFull = sockets
    await anna.page.waitForTimeout(4_000)
    expect(sockets).toBe(socketsWhenFull)
    expect(await anna.page.getByTestId('connection-state').getAttribute('data-state')).toBe('full')
    const drawn = await shapes(anna.page, 'geo').count()
    await drawRectangle(anna.page, { x: center.x + 300, y: center.y + 250 }, { w: 90, h: 60 }).catch(() => undefined)
    expect(await shapes(anna.page, 'geo').count()).toBe(drawn)

    // The board can still be opened and read: Ben sees what was stored, which is everything but Anna's refused last change.
    const ben = await joinBoard(browser, url, 'Ben', '#e03131')
    participants.push(ben)
    await waitForConnection(ben.page, 'online')
    await expect.poll(() => shapes(ben.page, 'geo').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await shapes(ben.page, 'geo').count()).toBeLessThanOrEqual(drawn)
    expect(await ben.page.getByTestId('board-full-banner').count()).toBe(0)
  }, 180_000)
})
