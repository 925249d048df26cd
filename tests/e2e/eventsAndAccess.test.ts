import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { canvasCenter, drawRectangle, shapes, waitForCanvas } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

async function open(url: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`))
  await page.goto(url)
  return page
}

function shapeCount(boardId: string): Promise<number> {
  return server.server.registry
    .open(boardId)
    .then((room) => Array.from(readBoardRecords(room.doc).values()).filter((r) => (r as { typeName?: string }).typeName === 'shape').length)
}

describeInChromium('events, links and roles in the browser', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.stop()
  })

  it('a facilitator sets up an event, a participant joins by code, both draw, and the projector shows the board and the QR code but cannot draw', async () => {
    const admin = await open(`${server.httpUrl}/?token=${server.adminToken}`)
    await admin.getByTestId('new-event-title').fill('CrossInnovation Bautzen')
    await admin.getByRole('button', { name: 'Anlegen' }).click()
    await admin.waitForURL(/\/e\/[A-Za-z0-9_-]+$/)
    const eventId = new URL(admin.url()).pathname.split('/')[2] ?? ''

    await admin.getByTestId('new-board-title').fill('Freie Ideenschmiede')
    await admin.getByTestId('new-board-template').selectOption('leer')
    await admin.getByRole('button', { name: 'Board anlegen' }).click()
    const boardLink = admin.locator('.board-list__title', { hasText: 'Freie Ideenschmiede' })
    await boardLink.waitFor()
    const boardId = ((await boardLink.getAttribute('href')) ?? '').split('/').pop() ?? ''

    await admin.getByTestId('create-link-participant').click()
    const code = (await admin.getByTestId('participant-code').first().textContent())?.trim() ?? ''
    expect(code).toMatch(/^[A-Z2-9]{6}$/)
    await admin.getByTestId('create-link-viewer').click()
    const projectorUrl = await admin.getByTestId('fresh-link-viewer').getByTestId('fresh-link-url').inputValue()
    expect(projectorUrl).toContain(`/projector/${eventId}?token=`)

    const phone = await open(`${server.httpUrl}/`, { width: 390, height: 844 })
    await phone.getByTestId('join-code').fill(code.toLowerCase())
    await phone.getByRole('button', { name: 'Mitmachen' }).click()
    await phone.getByTestId('lobby-name').fill('Anna')
    await phone.getByTestId('lobby-side-kreative').check()
    await phone.getByTestId('lobby-submit').click()
    await phone.locator('.lobby__board', { hasText: 'Freie Ideenschmiede' }).click()
    await waitForCanvas(phone)

    await boardLink.click()
    await waitForCanvas(admin)
    // On their first board the facilitator, too, is asked for the name the others see.
    await admin.getByLabel('Dein Name').fill('Moderation')
    await admin.getByRole('button', { name: 'Los geht’s' }).click()

    const phoneCenter = await canvasCenter(phone)
    await drawRectangle(phone, { x: phoneCenter.x - 120, y: phoneCenter.y - 60 }, { w: 100, h: 80 })
    await expect.poll(() => shapes(admin, 'geo').count(), { timeout: 15_000 }).toBe(1)
    const adminCenter = await canvasCenter(admin)
    await drawRectangle(admin, { x: adminCenter.x + 100, y: adminCenter.y + 80 })
    await expect.poll(() => shapes(phone, 'geo').count(), { timeout: 15_000 }).toBe(2)
    await expect.poll(() => shapeCount(boardId), { timeout: 10_000 }).toBe(2)

    const projector = await open(projectorUrl, { width: 1920, height: 1080 })
    await waitForCanvas(projector)
    await expect.poll(() => shapes(projector, 'geo').count(), { timeout: 15_000 }).toBe(2)
    await projector.getByTestId('projector-join').locator('img').waitFor()
    await expect.poll(() => projector.getByTestId('projector-join-code').textContent()).toContain(code)

    const before = await shapeCount(boardId)
    const center = await canvasCenter(projector)
    await projector.keyboard.press('r')
    await projector.mouse.move(center.x - 200, center.y - 200)
    await projector.mouse.down()
    await projector.mouse.move(center.x - 50, center.y - 50, { steps: 6 })
    await projector.mouse.up()
    await admin.keyboard.press('Escape')
    await expect.poll(() => shapes(admin, 'geo').count(), { timeout: 2_000 }).toBe(2)
    expect(await shapeCount(boardId)).toBe(before)
  }, 120_000)
})
