import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createEventFixture, type EventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { seriousAxeFindings } from './support/axe.ts'
import { waitForCanvas } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
let fixture: EventFixture
const contexts: BrowserContext[] = []

const PHONE = { width: 390, height: 844 }
const LAPTOP = { width: 1366, height: 768 }
const PROJECTOR = { width: 1920, height: 1080 }

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  // axe-core is injected as a script of its own, which our Content-Security-Policy rightly refuses.
  const context = await browser.newContext({ viewport, bypassCSP: true })
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(url)
  return page
}

describeInChromium('accessibility of every screen', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium()
    fixture = await createEventFixture(server.httpUrl, server.adminToken)
  })

  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.stop()
  })

  it('join page, name form, lobby and board on a phone have no serious or critical axe findings', async () => {
    const phone = await open(`${server.httpUrl}/`, PHONE)
    await phone.getByTestId('join-code').waitFor()
    const findings: Record<string, unknown> = { join: await seriousAxeFindings(phone) }
    await phone.getByTestId('join-code').fill(fixture.participant.code ?? '')
    await phone.getByRole('button', { name: 'Mitmachen' }).click()
    await phone.getByTestId('lobby-name').waitFor()
    findings.identity = await seriousAxeFindings(phone)
    await phone.getByTestId('lobby-name').fill('Anna')
    await phone.getByTestId('lobby-side-kreative').check()
    await phone.getByTestId('lobby-submit').click()
    await phone.locator('.lobby__board').first().waitFor()
    findings.lobby = await seriousAxeFindings(phone)
    await phone.locator('.lobby__board').first().click()
    await waitForCanvas(phone)
    findings.board = await seriousAxeFindings(phone)
    expect(findings).toEqual({ join: [], identity: [], lobby: [], board: [] })
  })

  it("the facilitator's name dialog and board with the moderation panel have no serious or critical axe findings", async () => {
    const laptop = await open(`${server.httpUrl}/b/${fixture.board.id}?token=${fixture.facilitator.token}`, LAPTOP)
    const dialog = laptop.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    const findings: Record<string, unknown> = { nameDialog: await seriousAxeFindings(laptop) }
    // Focus stays in the dialog however often one tabs, forwards or back.
    for (const key of [...Array<string>(10).fill('Tab'), ...Array<string>(10).fill('Shift+Tab')]) {
      await laptop.keyboard.press(key)
      expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true)
    }
    await laptop.getByLabel('Dein Name').fill('Mona')
    await laptop.getByRole('button', { name: 'Los geht’s' }).click()
    await waitForCanvas(laptop)
    const moderation = laptop.getByTestId('moderation-toggle')
    if ((await moderation.getAttribute('aria-expanded')) !== 'true') await moderation.click()
    findings.board = await seriousAxeFindings(laptop)
    expect(findings).toEqual({ nameDialog: [], board: [] })
  })

  it('console and projector have no serious or critical axe findings', async () => {
    const console = await open(`${server.httpUrl}/e/${fixture.event.id}?token=${fixture.facilitator.token}`, LAPTOP)
    await console.getByTestId('new-board-title').waitFor()
    const projector = await open(`${server.httpUrl}/projector/${fixture.event.id}?token=${fixture.viewer.token}`, PROJECTOR)
    await projector.getByTestId('projector').waitFor()
    expect({ console: await seriousAxeFindings(console), projector: await seriousAxeFindings(projector) }).toEqual({ console: [], projector: [] })
  })
})
