import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { openRecords, RECORDS_ARRAY_NAME } from '../../client/src/collab/boardDocument.ts'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { connectSynced } from '../support/boardClient.ts'
import type { TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'
import { startAppServer } from './support/appServer.ts'
import { canvasCenter, drawRectangle, joinBoard, shapes, waitForConnection, type Participant } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
const participants: Participant[] = []

describeInChromium('the board against hostile peers and on a phone', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium()
  })

  afterEach(async () => {
    for (const participant of participants.splice(0)) await participant.context.close()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('garbage records from a hostile client are refused by the server; garbage already stored is skipped by the browser, and the canvas keeps working', async () => {
    const boardId = await server.createBoard('Hostile')
    const url = `${server.httpUrl}/b/${boardId}?token=${await server.participantToken()}`
    const anna = await joinBoard(browser, url, 'Anna')
    const ben = await joinBoard(browser, url, 'Ben', '#e03131')
    participants.push(anna, ben)
    await waitForConnection(anna.page, 'online')
    await waitForConnection(ben.page, 'online')
    const warnings: string[] = []
    anna.page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().includes('skipped an invalid board record')) warnings.push(message.text())
    })
    // Three updates, so the entry the client's YKeyValue cannot read spoils only its own.
    const garbage: Array<(doc: Y.Doc) => void> = [
      (doc) => {
        const records = openRecords(doc)
        doc.transact(() => {
          records.set('shape:evil', { id: 'shape:evil', typeName: 'shape', type: 'geo', props: 'nonsense', parentId: 'page:page' })
          records.set('shape:text', 'just a string')
          records.set('instance:instance', { id: 'instance:instance', typeName: 'instance', isReadonly: true })
          records.set('page:page', { id: 'page:page', typeName: 'page', name: 42 })
          records.set('shape:mismatch', { id: 'shape:other', typeName: 'shape' })
        })
      },
      (doc) => doc.getArray(RECORDS_ARRAY_NAME).push([null]),
      (doc) => doc.getArray(RECORDS_ARRAY_NAME).push([{ key: 'shape:raw', val: [1, 2, 3] }]),
    ]

    // A stock client writing garbage: the server refuses it, so it is neither stored nor seen by anyone.
    const hostile = await connectSynced(server.wsUrl, boardId, server.adminToken)
    const refusals = () => server.server.metrics.read('sync_messages_rejected_total', { reason: 'invalid' })
    try {
      for (const write of garbage) write(hostile.doc)
      await until(() => refusals() >= 1, 'the server to refuse the garbage')
    } finally {
      hostile.destroy()
    }
    const center = await canvasCenter(anna.page)
    await drawRectangle(anna.page, { x: center.x - 100, y: center.y - 60 })
    await expect.poll(() => shapes(ben.page, 'geo').count(), { timeout: 10_000 }).toBe(1)
    const room = await server.server.registry.open(boardId)
    expect([...readBoardRecords(room.doc).keys()].filter((id) => ['shape:evil', 'shape:text', 'shape:raw', 'shape:mismatch'].includes(id))).toEqual([])
    expect(warnings).toEqual([])

    // Garbage that is stored anyway (a board from before the server checked content, here written by the server itself) is skipped by the browser.
    for (const write of garbage) room.applyServerChange(write)
    await until(() => warnings.length >= 6, 'the browser to skip all six garbage records', 10_000)
    await drawRectangle(anna.page, { x: center.x + 100, y: center.y + 60 })
    await expect.poll(() => shapes(ben.page, 'geo').count(), { timeout: 10_000 }).toBe(2)
    expect(await shapes(anna.page, 'geo').count()).toBe(2)
  })

  it('on a phone, a participant can pan, zoom, add a sticky note and type into it', async () => {
    const url = `${server.httpUrl}/b/${await server.createBoard('Phone')}?token=${await server.participantToken()}`
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    await context.addInitScript(() => {
      localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: 'phone-user', name: 'Pia', color: '#9c36b5', locale: 'de' }))
    })
    const page = await context.newPage()
    participants.push({ context, page, name: 'Pia' })
    await page.goto(url)
    await waitForConnection(page, 'online')
    const canvas = page.locator('.tl-canvas')
    const box = await canvas.boundingBox()
    if (!box) throw new Error('no canvas')
    const client = await context.newCDPSession(page)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Array<{ x: number; y: number }>) =>
      client.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((point, id) => ({ ...point, id })) })
    const readCamera = () => page.locator('.tl-html-layer').first().getAttribute('style')

    const before = await readCamera()
    const cx = box.x + box.width / 2
    const cy = box.y + box.height / 2
    // Two fingers apart: tldraw pans and zooms on a pinch.
    await touch('touchStart', [{ x: cx - 40, y: cy }, { x: cx + 40, y: cy }])
    for (let step = 1; step <= 8; step++) {
      await touch('touchMove', [{ x: cx - 40 - step * 12, y: cy + step * 5 }, { x: cx + 40 + step * 12, y: cy + step * 5 }])
    }
    await touch('touchEnd', [])
    await expect.poll(readCamera, { timeout: 5_000 }).not.toBe(before)

    // The sticky note is the first tool, visible without opening the toolbar's overflow.
    expect(await page.locator('.tlui-toolbar [data-testid^="tools."]').first().getAttribute('data-testid')).toBe('tools.note')
    await page.locator('[data-testid="tools.note"]').tap()
    await page.touchscreen.tap(cx, cy - 100)
    await page.locator('.tl-shape[data-shape-type="note"] [contenteditable="true"]').waitFor({ timeout: 5_000 })
    await page.keyboard.type('Vom Handy')
    await page.locator('.tl-shape[data-shape-type="note"]').first().waitFor()
    await expect.poll(() => shapes(page, 'note').first().textContent()).toContain('Vom Handy')
  })

  it('tldraw and our own strings are German by default, and English is one switch away', async () => {
    const url = `${server.httpUrl}/b/${await server.createBoard('Language')}?token=${await server.participantToken()}`
    const anna = await joinBoard(browser, url, 'Anna')
    participants.push(anna)
    await waitForConnection(anna.page, 'online')
    const noteTool = anna.page.locator('[data-testid="tools.note"]')
    const connection = anna.page.getByTestId('connection-state')
    await expect.poll(() => noteTool.getAttribute('aria-label')).toContain('Haftnotiz')
    expect(await connection.textContent()).toBe('Verbunden')

    await anna.page.getByRole('button', { name: /Sprache/ }).click()
    await expect.poll(() => noteTool.getAttribute('aria-label')).toContain('Note')
    expect(await connection.textContent()).toBe('Connected')
    expect(await anna.page.evaluate(() => document.documentElement.lang)).toBe('en')
  })
})
