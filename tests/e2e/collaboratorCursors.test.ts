import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createEventFixture, type EventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { addStickyNote, canvasCenter, joinBoard, waitForCanvas, waitForConnection, type Participant } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

const SHOTS = path.resolve('test-screenshots/cursors')

let server: TestServer
let browser: Browser
const people: Participant[] = []

async function join(fixture: EventFixture, token: string, name: string, color?: string): Promise<Participant> {
  const person = await joinBoard(browser, `${server.httpUrl}/b/${fixture.board.id}?token=${token}`, name, color)
  people.push(person)
  await waitForConnection(person.page, 'online')
  return person
}

/** A phone with a touch screen, name already chosen. */
async function joinOnPhone(fixture: EventFixture, token: string, name: string): Promise<Participant> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  await context.addInitScript(
    ({ name }) => localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: `e2e-phone-${name}`, name, color: '#f08c00', locale: 'de' })),
    { name },
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[${name}] page error: ${error.message}\n`))
  people.push({ context, page, name })
  await page.goto(`${server.httpUrl}/b/${fixture.board.id}?token=${token}`)
  await waitForCanvas(page)
  await waitForConnection(page, 'online')
  return { context, page, name }
}

/** Someone's cursor as another person sees it. */
function cursorOf(viewer: Page, name: string): Locator {
  return viewer.getByTestId('collaborator-cursor').filter({ has: viewer.getByTestId('cursor-name').getByText(name, { exact: true }) })
}

function opacityOf(cursor: Locator): Promise<string> {
  return cursor.evaluate((element) => getComputedStyle(element).opacity)
}

async function screenshot(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport)
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.width}x${viewport.height}.png`) })
}

describeInChromium('collaborator cursors', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium()
  })

  afterEach(async () => {
    for (const person of people.splice(0)) await person.context.close()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("a participant's cursor and label fade at the others after she stays still, and come back when she moves", async () => {
    const fixture = await createEventFixture(server.httpUrl, server.adminToken)
    const anna = await join(fixture, fixture.participant.token, 'Anna', '#2f9e44')
    const ben = await join(fixture, fixture.participant.token, 'Ben', '#e03131')
    const center = await canvasCenter(anna.page)
    await addStickyNote(anna.page, { x: center.x, y: center.y }, 'Materialbörse für alle Werkstätten')

    await anna.page.mouse.move(center.x - 40, center.y + 10, { steps: 6 })
    const cursor = cursorOf(ben.page, 'Anna')
    await expect.poll(() => cursor.getAttribute('data-shown'), { timeout: 10_000 }).toBe('true')
    expect(await opacityOf(cursor)).toBe('1')
    await screenshot(ben.page, 'shown', { width: 1366, height: 768 })

    // Anna rests her mouse on the note: her label must not stay on its text.
    await expect.poll(() => opacityOf(cursor), { timeout: 15_000 }).toBe('0')
    expect(await cursor.getAttribute('data-shown')).toBe('false')
    await screenshot(ben.page, 'faded', { width: 1366, height: 768 })

    await anna.page.mouse.move(center.x + 60, center.y - 30, { steps: 6 })
    await expect.poll(() => opacityOf(cursor), { timeout: 10_000 }).toBe('1')
  })

  it("a touch user's taps show at the others as a touch point that does not stay", async () => {
    const fixture = await createEventFixture(server.httpUrl, server.adminToken)
    const ben = await join(fixture, fixture.participant.token, 'Ben', '#e03131')
    const anna = await joinOnPhone(fixture, fixture.participant.token, 'Anna')
    const cursor = cursorOf(ben.page, 'Anna')

    // Taps on empty canvas near the top left, which Ben's wider screen shows too; repeated until her presence has arrived.
    let tap = 0
    await expect
      .poll(
        async () => {
          tap += 1
          await anna.page.touchscreen.tap(120 + (tap % 3) * 30, 260)
          return (await cursor.count()) > 0 ? cursor.getAttribute('data-pointer') : null
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('touch')
    await expect.poll(() => opacityOf(cursor), { timeout: 15_000 }).toBe('0')
  })

  it("the facilitator's label is just the name, even with her role typed into it, and a small mark says the role; a participant's has no mark", async () => {
    const fixture = await createEventFixture(server.httpUrl, server.adminToken)
    const mona = await join(fixture, fixture.facilitator.token, 'Mona (Moderation)', '#9c36b5')
    const ben = await join(fixture, fixture.participant.token, 'Ben', '#e03131')
    await ben.page.setViewportSize({ width: 390, height: 844 })
    const monaCanvas = await canvasCenter(mona.page)
    await addStickyNote(mona.page, { x: monaCanvas.x - 440, y: monaCanvas.y - 180 }, 'Werkstatt teilen')

    // Near the canvas's top left, which Ben's phone shows too. A mouse at rest sends no presence, so Mona keeps moving
    // until Ben sees her marked: the mark arrives once her event (and her role) has loaded.
    const cursor = cursorOf(ben.page, 'Mona')
    const mark = cursor.getByTestId('cursor-facilitator-mark')
    let step = 0
    await expect
      .poll(
        async () => {
          step += 1
          await mona.page.mouse.move(monaCanvas.x - 520 + (step % 2) * 20, monaCanvas.y - 230, { steps: 3 })
          return mark.count()
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1)
    expect(await cursor.getByTestId('cursor-name').textContent()).toBe('Mona')
    expect(await mark.getAttribute('aria-label')).toBe('Moderation')
    await screenshot(ben.page, 'facilitator', { width: 390, height: 844 })

    await ben.page.mouse.move(60, 200, { steps: 4 })
    await ben.page.mouse.move(80, 220, { steps: 4 })
    const benAtMona = cursorOf(mona.page, 'Ben')
    await benAtMona.waitFor({ timeout: 10_000 })
    expect(await benAtMona.getByTestId('cursor-facilitator-mark').count()).toBe(0)
  })
})
