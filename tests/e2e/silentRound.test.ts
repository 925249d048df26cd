import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readShapes } from '../../server/boards/shapeRecords.ts'
import type { Side } from '../../shared/sides.ts'
import { createEventFixture } from '../support/api.ts'
import { joinAs } from '../support/participants.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { addStickyNote, canvasCenter, shapes, waitForCanvas, waitForConnection } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
/** Each step at phone, laptop and projector size, for a person to look through (an ignored folder). */
const SHOTS = path.resolve('test-screenshots/silent-round')

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

/** A phone with name and side already chosen, as the join screen leaves it. */
async function openPhone(boardId: string, token: string, name: string, side: Side): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  await context.addInitScript(
    ({ name, side }) => localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: `e2e-${name}`, name, color: '#1971c2', locale: 'de', side })),
    { name, side },
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[${name}] page error: ${error.message}\n`))
  await page.goto(`${server.httpUrl}/b/${boardId}?token=${token}`)
  await waitForCanvas(page)
  await waitForConnection(page, 'online')
  return page
}

describeInChromium('Stille Ideensammlung on phones', () => {
  beforeAll(async () => {
    server = await startAppServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('a silent round run from the moderation panel: each phone sees only its own notes, the facilitator only counts, the projector the total; the reveal shows all, and the phones vote on them', async () => {
    const f = await createEventFixture(server.httpUrl, server.adminToken)
    const boardId = f.board.id
    const anna = await joinAs(server.httpUrl, f, 'Anna', 'kreative')
    const ben = await joinAs(server.httpUrl, f, 'Ben', 'unternehmen')
    const annaPhone = await openPhone(boardId, anna.token, 'Anna', 'kreative')
    const benPhone = await openPhone(boardId, ben.token, 'Ben', 'unternehmen')
    const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const projector = await projectorContext.newPage()
    await projector.goto(`${server.httpUrl}/projector/${f.event.id}?token=${f.viewer.token}`)
    await projector.getByTestId('projector').waitFor()
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    await laptop.addInitScript(() => localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: 'e2e-mona', name: 'Mona', color: '#2f9e44', locale: 'de' })))
    const facilitator = await laptop.newPage()
    await facilitator.goto(`${server.httpUrl}/b/${boardId}?token=${f.facilitator.token}`)
    await waitForCanvas(facilitator)

    // A two-minute round, started from the moderation panel; the reveal does not wait for the timer.
    await facilitator.getByTestId('moderation-toggle').click()
    const controls = facilitator.getByTestId('silent-round-controls')
    expect(await controls.getByRole('combobox').inputValue()).toBe('2')
    await facilitator.getByTestId('silent-round-start').click()
    await annaPhone.getByTestId('silent-round-banner').waitFor({ timeout: 15_000 })
    await benPhone.getByTestId('silent-round-banner').waitFor({ timeout: 15_000 })
    await expect.poll(() => projector.getByTestId('projector-silent-round').textContent(), { timeout: 15_000 }).toContain('Stille Ideensammlung')

    const annaCenter = await canvasCenter(annaPhone)
    await addStickyNote(annaPhone, { x: annaCenter.x - 80, y: annaCenter.y - 120 }, 'Werkstatt teilen')
    const benCenter = await canvasCenter(benPhone)
    await addStickyNote(benPhone, { x: benCenter.x + 40, y: benCenter.y + 120 }, 'Azubis tauschen')
    await expect.poll(() => projector.getByTestId('projector-silent-round').textContent(), { timeout: 15_000 }).toContain('2 Ideen gesammelt')
    await expect.poll(() => facilitator.getByTestId('silent-round-counts').innerText(), { timeout: 15_000 }).toMatch(/Anna: 1[\s\S]*Ben: 1|Ben: 1[\s\S]*Anna: 1/)
    await shot(facilitator, 'running-facilitator')
    await shot(annaPhone, 'running-phone')
    await shot(projector, 'running-projector')

    // Nobody but the author has seen a note: not the other phone, not the facilitator, not the projector, not the board itself.
    expect(await shapes(annaPhone, 'note').count()).toBe(1)
    expect(await shapes(benPhone, 'note').count()).toBe(1)
    for (const page of [benPhone, facilitator, projector]) expect(await page.evaluate(() => document.body.innerText.includes('Werkstatt teilen'))).toBe(false)
    expect(await shapes(facilitator, 'note').count()).toBe(0)
    const room = await server.server.registry.open(boardId)
    expect(readShapes(room.doc).filter((shape) => shape.type === 'note')).toHaveLength(0)

    await facilitator.getByTestId('silent-round-reveal').click()
    for (const page of [annaPhone, benPhone, facilitator]) await expect.poll(() => shapes(page, 'note').count(), { timeout: 15_000 }).toBe(2)
    const revealed = readShapes(room.doc).filter((shape) => shape.type === 'note')
    expect(revealed.map((shape) => (shape.meta as { authorName?: string }).authorName).sort()).toEqual(['Anna', 'Ben'])

    // The dot vote on the revealed notes, placed from the phones.
    await facilitator.getByRole('button', { name: 'Abstimmung starten', exact: true }).click()
    for (const [phone, ideas] of [[annaPhone, ['Werkstatt teilen', 'Azubis tauschen']], [benPhone, ['Werkstatt teilen']]] as const) {
      const pickList = phone.getByTestId('vote-pick')
      await pickList.waitFor({ timeout: 15_000 })
      for (const idea of ideas) {
        await pickList.selectOption({ label: idea })
        await phone.getByTestId('place-dot').click()
      }
      await expect.poll(() => phone.getByTestId('dot-counter').textContent()).toBe(`${ideas.length} von 3 Punkten`)
    }
    await facilitator.getByRole('button', { name: 'Abstimmung schließen', exact: true }).click()
    await facilitator.getByRole('button', { name: 'Ergebnis zeigen', exact: true }).click()
    await expect.poll(() => projector.getByTestId('projector-ranking').innerText(), { timeout: 15_000 }).toMatch(/Werkstatt teilen[\s\S]*Azubis tauschen/)
    await shot(projector, 'revealed-vote-projector')
    await shot(annaPhone, 'revealed-vote-phone')

    for (const page of [annaPhone, benPhone, projector, facilitator]) await page.context().close()
    for (const session of [anna.client, ben.client]) session.close()
  }, 180_000)
})
