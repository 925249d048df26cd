import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import { createEventFixture, type EventFixture } from '../support/api.ts'
import { connectSession } from '../support/sessionClient.ts'
import { note } from '../support/shapeRecords.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { joinBoard, waitForCanvas } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
let fixture: EventFixture
const contexts: BrowserContext[] = []
/** For a person to look at the vote bar with its list, at laptop and phone size (an ignored folder). */
const SHOTS = path.resolve('test-screenshots/keyboard')

/** Presses Tab, as a keyboard user does, until `target` has the focus. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${String(target)} never got the focus within ${maxPresses} presses of Tab`)
}

describeInChromium('joining and voting with the keyboard alone', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium()
    fixture = await createEventFixture(server.httpUrl, server.adminToken)
    fs.mkdirSync(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.stop()
  })

  it('a participant joins by code, gives name and side, and opens the board without a mouse', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${server.httpUrl}/`)
    await tabTo(page, page.getByTestId('join-code'))
    await page.keyboard.type(fixture.participant.code ?? '')
    await page.keyboard.press('Enter')

    await page.getByTestId('lobby-name').waitFor()
    await tabTo(page, page.getByTestId('lobby-name'))
    await page.keyboard.type('Karla')
    const firstSide = page.getByTestId('lobby-side-kreative')
    await tabTo(page, firstSide)
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowRight')
    expect(await page.getByTestId('lobby-side-unternehmen').isChecked()).toBe(true)
    await tabTo(page, page.getByTestId('lobby-submit'))
    await page.keyboard.press('Enter')

    const board = page.locator('.lobby__board').first()
    await board.waitFor()
    await tabTo(page, board)
    await page.keyboard.press('Enter')
    await waitForCanvas(page)
    expect(new URL(page.url()).pathname).toBe(`/b/${fixture.board.id}`)
  })

  it('a participant places a dot on a note chosen from the list, without a mouse', async () => {
    const room = await server.server.registry.open(fixture.board.id)
    room.applyServerChange((doc) =>
      writeBoardRecords(doc, { set: [note('shape:kb-a', 'page:page', 'Werkstattradio', 'kreative', 0), note('shape:kb-b', 'page:page', 'Azubi-Tausch', 'unternehmen', 1)] }),
    )
    const facilitator = await connectSession(server.httpUrl, fixture.facilitator.token, fixture.event.id)
    try {
      expect(await facilitator.send('vote:open', { boardId: fixture.board.id, dotsPerPerson: 3, anonymous: false })).toEqual({ ok: true })
      const participant = await joinBoard(browser, `${server.httpUrl}/b/${fixture.board.id}?token=${fixture.participant.token}`, 'Lena')
      contexts.push(participant.context)
      const { page } = participant
      const pickList = page.getByTestId('vote-pick')
      await pickList.waitFor()
      await tabTo(page, pickList)
      await page.keyboard.press('ArrowDown')
      expect(await pickList.inputValue()).toMatch(/^shape:kb-/)
      await tabTo(page, page.getByTestId('place-dot'))
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('dot-counter').textContent()).toBe('1 von 3 Punkten')
      await page.screenshot({ path: path.join(SHOTS, 'vote-laptop.png') })
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: path.join(SHOTS, 'vote-phone.png') })
    } finally {
      facilitator.close()
    }
  })
})
