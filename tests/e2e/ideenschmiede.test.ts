import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { readShapes } from '../../server/boards/shapeRecords.ts'
import type { Board } from '../../shared/api.ts'
import type { Side } from '../../shared/sides.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { joinAs } from '../support/participants.ts'
import type { SessionClient } from '../support/sessionClient.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { addStickyNote, canvasCenter, pickTool, shapes, waitForCanvas, waitForConnection } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
const pages: Page[] = []
const sessions: SessionClient[] = []

/** A person's browser with name and side already chosen on this device, as the join screen leaves them. */
async function openBoard(boardId: string, token: string, name: string, side: Side | null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  await context.addInitScript(
    ({ name, side }) => localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: `e2e-${name}`, name, color: '#1971c2', locale: 'de', ...(side ? { side } : {}) })),
    { name, side },
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[${name}] page error: ${error.message}\n`))
  pages.push(page)
  await page.goto(`${server.httpUrl}/b/${boardId}?token=${token}`)
  await waitForCanvas(page)
  await waitForConnection(page, 'online')
  await showWholeTemplate(page)
  return page
}

/** Zoom to fit until all six cluster frames are in view; a shortcut pressed while the page still settles can go unheard. */
async function showWholeTemplate(page: Page): Promise<void> {
  const viewport = page.viewportSize()!
  await expect
    .poll(
      async () => {
        await page.keyboard.press('Shift+1')
        const frames = await shapes(page, 'frame').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect))
        return frames.length === 6 && frames.every((box) => box.left >= 0 && box.top >= 0 && box.right <= viewport.width && box.bottom <= viewport.height)
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(true)
}

async function noteInFrame(page: Page, frameIndex: number, text: string): Promise<void> {
  const frame = (await shapes(page, 'frame').nth(frameIndex).boundingBox())!
  await pickTool(page, 'n', 'note')
  await page.mouse.click(frame.x + frame.width / 2, frame.y + frame.height / 2)
  await page.locator('.tl-shape[data-shape-type="note"] [contenteditable="true"]').last().waitFor()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

describeInChromium('the Ideenschmiede from notes to group boards', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium()
  })

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close()
    for (const session of sessions.splice(0)) session.close()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('two participants add side-coloured notes, the facilitator makes group boards from two frames, each participant lands on one, the overview wall shows both groups live, and the board exports as PNG', async () => {
    const fixture: EventFixture = await createEventFixture(server.httpUrl, server.adminToken)
    const created = await api<Board>(server.httpUrl, 'POST', `/api/events/${fixture.event.id}/boards`, fixture.facilitator.token, {
      title: 'Freie Ideenschmiede',
      template: 'ideenschmiede',
    })
    expect(created.status).toBe(201)
    const boardId = created.body.id
    // Their profile cards from the speed-dating: the mixed groups seat people by side.
    const anna = await joinAs(server.httpUrl, fixture, 'Anna', 'kreative')
    const ben = await joinAs(server.httpUrl, fixture, 'Ben', 'unternehmen')
    sessions.push(anna.client, ben.client)

    const facilitator = await openBoard(boardId, fixture.facilitator.token, 'Moderation', null)
    const annaPage = await openBoard(boardId, anna.token, 'Anna', 'kreative')
    const benPage = await openBoard(boardId, ben.token, 'Ben', 'unternehmen')
    await expect.poll(() => shapes(annaPage, 'frame').count(), { timeout: 10_000 }).toBe(6)

    await noteInFrame(annaPage, 0, 'Werkstatt teilen')
    await noteInFrame(benPage, 1, 'Azubis tauschen')
    await expect.poll(() => shapes(facilitator, 'note').count(), { timeout: 10_000 }).toBe(2)

    // Each note carries its author's side and colour, for the board and the results report.
    const room = await server.server.registry.open(boardId)
    const notes = readShapes(room.doc).filter((shape) => shape.type === 'note') as unknown as Array<{ props: { color: string }; meta: { authorSide?: string } }>
    expect(notes.map((note) => [note.meta.authorSide, note.props.color]).sort()).toEqual([
      ['kreative', 'violet'],
      ['unternehmen', 'blue'],
    ])

    // The facilitator selects the first two cluster frames and makes group boards of them.
    await facilitator.keyboard.press('Escape')
    await shapes(facilitator, 'frame').nth(0).locator('.tl-frame-heading').click()
    await shapes(facilitator, 'frame').nth(1).locator('.tl-frame-heading').click({ modifiers: ['Shift'] })
    await facilitator.getByTestId('moderation-toggle').click()
    await facilitator.getByTestId('breakout-from-selection').click()
    await facilitator.getByTestId('breakout-state').waitFor({ timeout: 15_000 })

    await expect.poll(() => anna.client.state()?.breakouts?.groups.length ?? 0, { timeout: 10_000 }).toBe(2)
    const groups = anna.client.state()!.breakouts!.groups
    for (const [page, person] of [
      [annaPage, anna],
      [benPage, ben],
    ] as const) {
      const mine = groups.find((group) => group.members.includes(person.id))
      expect(mine).toBeDefined()
      await page.waitForURL(`**/b/${mine!.boardId}`, { timeout: 15_000 })
      await waitForCanvas(page)
      await page.keyboard.press('Shift+1')
      await expect.poll(() => shapes(page, 'note').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    }

    // The overview wall in the console shows both group boards live: a note added on one appears in its tile.
    const consolePage = await facilitator.context().newPage()
    await consolePage.goto(`${server.httpUrl}/e/${fixture.event.id}?token=${fixture.facilitator.token}`)
    const tileOf = (title: string) =>
      consolePage
        .locator('.overview-wall__tile')
        .filter({ has: consolePage.locator('.overview-wall__title', { hasText: new RegExp(`^${title}$`) }) })
        .getByTestId('board-thumbnail')
    const shapeCountOf = async (title: string) => Number(await tileOf(title).getAttribute('data-shapes'))
    for (const group of groups) await expect.poll(() => shapeCountOf(group.title), { timeout: 15_000 }).toBeGreaterThan(0)
    const annasGroup = groups.find((group) => group.members.includes(anna.id))!
    const before = await shapeCountOf(annasGroup.title)
    const annaCenter = await canvasCenter(annaPage)
    await addStickyNote(annaPage, { x: annaCenter.x, y: annaCenter.y + 150 }, 'Werkstatt am Wochenende')
    await expect.poll(() => shapeCountOf(annasGroup.title), { timeout: 15_000 }).toBe(before + 1)

    // A PNG of the whole Ideenschmiede board.
    await facilitator.getByTestId('export-menu').click()
    const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByTestId('export-board-png').click()])
    const file = await download.path()
    const bytes = fs.readFileSync(file)
    expect(bytes.length).toBeGreaterThan(1000)
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  }, 120_000)
})
