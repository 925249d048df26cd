import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readShapes } from '../../server/boards/shapeRecords.ts'
import type { Side } from '../../shared/sides.ts'
import { createEventFixture } from '../support/api.ts'
import { joinAs } from '../support/participants.ts'
import { connectSession } from '../support/sessionClient.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { addStickyNote, canvasCenter, shapes, waitForCanvas, waitForConnection } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser

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

  it('a silent round: each phone sees only its own notes, the reveal shows all, and a dot vote runs on the revealed notes', async () => {
    const f = await createEventFixture(server.httpUrl, server.adminToken)
    const boardId = f.board.id
    const facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
    const anna = await joinAs(server.httpUrl, f, 'Anna', 'kreative')
    const ben = await joinAs(server.httpUrl, f, 'Ben', 'unternehmen')
    const annaPhone = await openPhone(boardId, anna.token, 'Anna', 'kreative')
    const benPhone = await openPhone(boardId, ben.token, 'Ben', 'unternehmen')

    // A two-minute round, as the console offers it; the reveal does not wait for the timer.
    expect((await facilitator.send('silent:start', { boardId, durationMs: 120_000 })).ok).toBe(true)
    await annaPhone.getByTestId('silent-round-banner').waitFor({ timeout: 15_000 })
    await benPhone.getByTestId('silent-round-banner').waitFor({ timeout: 15_000 })

    const annaCenter = await canvasCenter(annaPhone)
    await addStickyNote(annaPhone, { x: annaCenter.x - 80, y: annaCenter.y - 120 }, 'Werkstatt teilen')
    const benCenter = await canvasCenter(benPhone)
    await addStickyNote(benPhone, { x: benCenter.x + 40, y: benCenter.y + 120 }, 'Azubis tauschen')
    await expect.poll(() => facilitator.state()?.silentRound?.total ?? 0, { timeout: 15_000 }).toBe(2)

    expect(await shapes(annaPhone, 'note').count()).toBe(1)
    expect(await shapes(benPhone, 'note').count()).toBe(1)
    const benStoreHasAnnas = await benPhone.evaluate(() => document.body.innerText.includes('Werkstatt teilen'))
    expect(benStoreHasAnnas).toBe(false)
    const room = await server.server.registry.open(boardId)
    expect(readShapes(room.doc).filter((shape) => shape.type === 'note')).toHaveLength(0)

    expect((await facilitator.send('silent:reveal', {})).ok).toBe(true)
    await expect.poll(() => shapes(annaPhone, 'note').count(), { timeout: 15_000 }).toBe(2)
    await expect.poll(() => shapes(benPhone, 'note').count(), { timeout: 15_000 }).toBe(2)

    const revealed = readShapes(room.doc).filter((shape) => shape.type === 'note')
    expect(revealed.map((shape) => (shape.meta as { authorName?: string }).authorName).sort()).toEqual(['Anna', 'Ben'])
    expect((await facilitator.send('vote:open', { boardId, dotsPerPerson: 2 })).ok).toBe(true)
    for (const shape of revealed) expect((await anna.client.send('vote:place', { shapeId: shape.id })).ok).toBe(true)
    expect((await ben.client.send('vote:place', { shapeId: revealed[0]!.id })).ok).toBe(true)
    expect((await facilitator.send('vote:close', {})).ok).toBe(true)
    expect((await facilitator.send('vote:reveal', {})).ok).toBe(true)
    expect(facilitator.state()?.vote?.results).toEqual({ [revealed[0]!.id]: 2, [revealed[1]!.id]: 1 })
    await annaPhone.screenshot({ path: '/tmp/wt20-silent-phone.png' })

    for (const page of [annaPhone, benPhone]) await page.context().close()
    for (const session of [facilitator, anna.client, ben.client]) session.close()
  }, 180_000)
})
