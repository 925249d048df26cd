import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createEventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { addStickyNote, canvasCenter, joinBoard, shapes, waitForCanvas, waitForConnection } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

/** Pictures of the versions dialog to look at (ignored by git). */
const SHOTS = path.resolve('test-screenshots/versions')
const LAPTOP = { width: 1366, height: 768 }
const PHONE = { width: 390, height: 844 }
const PROJECTOR = { width: 1920, height: 1080 }
const GERMAN_DATE_TIME = /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/

let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

/** The facilitator on a phone: a touch screen of its own, with name and colour already chosen. */
async function facilitatorPhone(boardUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'de-DE' })
  contexts.push(context)
  await context.addInitScript(() => {
    localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: 'e2e-moderation-phone', name: 'Moderation', color: '#e03131', locale: 'de' }))
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[moderation phone] page error: ${error.message}\n`))
  await page.goto(boardUrl)
  await waitForCanvas(page)
  return page
}

async function openVersions(page: Page) {
  await page.getByTestId('moderation-toggle').click()
  await page.getByTestId('versions-open').click()
  const dialog = page.getByRole('dialog', { name: 'Versionen' })
  await dialog.waitFor()
  await dialog.getByTestId('version-item').first().waitFor()
  return dialog
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

describeInChromium('version history of a board', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true })
    server = await startAppServer()
    browser = await launchChromium()
  })

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("a facilitator names the current state, and restoring it takes a participant's later note off her screen", async () => {
    const fixture = await createEventFixture(server.httpUrl, server.adminToken)
    const boardUrl = (token: string) => `${server.httpUrl}/b/${fixture.board.id}?token=${token}`
    const facilitator = await joinBoard(browser, boardUrl(fixture.facilitator.token), 'Moderation')
    const anna = await joinBoard(browser, boardUrl(fixture.participant.token), 'Anna')
    contexts.push(facilitator.context, anna.context)
    await facilitator.page.setViewportSize(LAPTOP)
    await waitForConnection(facilitator.page, 'online')
    await waitForConnection(anna.page, 'online')

    const center = await canvasCenter(anna.page)
    await addStickyNote(anna.page, { x: center.x - 140, y: center.y }, 'Werkstatt teilen')
    await expect.poll(() => shapes(facilitator.page, 'note').count(), { timeout: 10_000 }).toBe(1)

    // Naming the current state: the new version is chosen at once and shown.
    let dialog = await openVersions(facilitator.page)
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    await dialog.getByLabel('Aktuellen Stand benennen').fill('Vor der Pause')
    await dialog.getByRole('button', { name: 'Speichern', exact: true }).click()
    await expect.poll(() => dialog.getByTestId('versions-notice').textContent(), { timeout: 10_000 }).toBe('Gespeichert als „Vor der Pause“.')
    await dialog.getByRole('button', { name: /^Vor der Pause/, pressed: true }).waitFor()
    await dialog.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await facilitator.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('versions-open')

    // Participants have no way in.
    expect(await anna.page.getByTestId('moderation-toggle').count()).toBe(0)
    expect(await anna.page.getByTestId('versions-open').count()).toBe(0)

    await addStickyNote(anna.page, { x: center.x + 140, y: center.y }, 'Materialbörse')
    await expect.poll(() => shapes(facilitator.page, 'note').count(), { timeout: 10_000 }).toBe(2)

    // The list: newest first, the named one by its name, the automatic one as such, each with a German date and time.
    await facilitator.page.getByTestId('moderation-toggle').click()
    dialog = await openVersions(facilitator.page)
    const items = dialog.getByTestId('version-item')
    const titles = await dialog.locator('.versions__item-title').allTextContents()
    expect(titles[0]).toBe('Vor der Pause')
    expect(titles).toContain('Automatisch gespeichert')
    for (const time of await dialog.locator('.versions__item-time').allTextContents()) expect(time).toMatch(GERMAN_DATE_TIME)

    // Keyboard: Tab stays inside the dialog.
    for (let i = 0; i < (await items.count()) + 6; i++) {
      await facilitator.page.keyboard.press('Tab')
      expect(await facilitator.page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true)
    }

    // The preview of the named version: tldraw's picture of the board then, with one note.
    await items.filter({ hasText: 'Vor der Pause' }).click()
    const preview = dialog.getByTestId('version-preview')
    await expect.poll(() => preview.getAttribute('data-status'), { timeout: 20_000 }).toBe('image')
    const image = preview.getByRole('img', { name: /^Vorschau: Vor der Pause, \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/ })
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    expect(await image.evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).text())).toContain('Werkstatt teilen')
    expect(await image.evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).text())).not.toContain('Materialbörse')
    await shot(facilitator.page, 'laptop-preview')

    // Restoring asks first; "Abbrechen" has the focus.
    await dialog.getByTestId('version-restore').click()
    expect(await facilitator.page.evaluate(() => document.activeElement?.textContent)).toBe('Abbrechen')
    await shot(facilitator.page, 'laptop-confirm')
    await dialog.getByTestId('version-restore-confirm').click()
    await expect.poll(() => dialog.getByTestId('versions-notice').textContent(), { timeout: 10_000 }).toMatch(/^Wiederhergestellt: Alle sehen jetzt den Stand vom \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\./)

    // Anna's later note is gone from her screen, the earlier one is still there; the state before is kept.
    await expect.poll(() => shapes(anna.page, 'note').count(), { timeout: 10_000 }).toBe(1)
    expect(await shapes(anna.page, 'note').textContent()).toContain('Werkstatt teilen')
    await expect.poll(() => dialog.locator('.versions__item-title').first().textContent(), { timeout: 10_000 }).toBe('Stand vor einer Wiederherstellung')
    await shot(facilitator.page, 'laptop-restored')

    // The same dialog on a projector and on the facilitator's phone.
    await facilitator.page.setViewportSize(PROJECTOR)
    await shot(facilitator.page, 'projector-restored')
    const phone = await facilitatorPhone(boardUrl(fixture.facilitator.token))
    const phoneDialog = await openVersions(phone)
    await shot(phone, 'phone-list')

    // The phone's list is open like a second facilitator's: a version named on the laptop shows up in it at once.
    await dialog.getByLabel('Aktuellen Stand benennen').fill('Nach dem Mittag')
    await dialog.getByRole('button', { name: 'Speichern', exact: true }).click()
    await expect.poll(() => phoneDialog.locator('.versions__item-title').first().textContent(), { timeout: 10_000 }).toBe('Nach dem Mittag')
    await phoneDialog.getByTestId('version-item').filter({ hasText: 'Vor der Pause' }).click()
    await expect.poll(() => phoneDialog.getByTestId('version-preview').getAttribute('data-status'), { timeout: 20_000 }).toBe('image')
    await phoneDialog.getByTestId('version-restore').click()
    await shot(phone, 'phone-preview')
    const box = await phoneDialog.boundingBox()
    expect(box).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height })
  }, 120_000)
})
