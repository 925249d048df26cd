import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createEventFixture, type EventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { addStickyNote, canvasCenter, joinBoard, shapes, waitForConnection, type Participant } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
const people: Participant[] = []

async function join(fixture: EventFixture, token: string, name: string): Promise<Participant> {
  const person = await joinBoard(browser, `${server.httpUrl}/b/${fixture.board.id}?token=${token}`, name)
  people.push(person)
  await waitForConnection(person.page, 'online')
  return person
}

/** Seconds left on the top bar's timer, as the person sees it. */
async function timerSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('board-timer').textContent()) ?? ''
  const [minutes, seconds] = text.replace(/[^\d:]/g, '').split(':').map(Number)
  return (minutes ?? 0) * 60 + (seconds ?? 0)
}

async function noteBoxes(page: Page) {
  return Promise.all((await shapes(page, 'note').all()).map(async (note) => (await note.boundingBox())!))
}

async function selectNote(page: Page, index: number) {
  const box = (await shapes(page, 'note').nth(index).boundingBox())!
  // Near the top edge: the middle of a note is its text, where a click can start editing.
  await page.mouse.click(box.x + box.width / 2, box.y + 12)
}

describeInChromium('workshop control from the board', () => {
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

  it("a facilitator's timer and spotlight reach a participant, and a dot vote refuses the fourth dot and reveals the counts", async () => {
    const fixture = await createEventFixture(server.httpUrl, server.adminToken)
    const facilitator = await join(fixture, fixture.facilitator.token, 'Moderation')
    const anna = await join(fixture, fixture.participant.token, 'Anna')

    const center = await canvasCenter(anna.page)
    await addStickyNote(anna.page, { x: center.x - 260, y: center.y }, 'Werkstatt teilen')
    await addStickyNote(anna.page, { x: center.x, y: center.y }, 'Materialbörse')
    await addStickyNote(anna.page, { x: center.x + 260, y: center.y }, 'Lehrlinge tauschen')
    await expect.poll(() => shapes(facilitator.page, 'note').count(), { timeout: 10_000 }).toBe(3)

    // The timer: the same second on both screens.
    await facilitator.page.getByTestId('moderation-toggle').click()
    await facilitator.page.getByRole('button', { name: '1 Min.', exact: true }).click()
    await anna.page.getByTestId('board-timer').waitFor({ timeout: 10_000 })
    const [mine, theirs] = await Promise.all([timerSeconds(facilitator.page), timerSeconds(anna.page)])
    expect(mine).toBeGreaterThan(50)
    expect(Math.abs(mine - theirs)).toBeLessThanOrEqual(1)

    // The facilitator looks elsewhere and turns the spotlight on: Anna is told, then sees what they see.
    await facilitator.page.mouse.move(center.x, center.y + 200)
    await facilitator.page.mouse.wheel(350, 180)
    await expect.poll(async () => (await noteBoxes(facilitator.page))[0]!.x).toBeLessThan((await noteBoxes(anna.page))[0]!.x - 200)
    await facilitator.page.getByRole('button', { name: 'Alle folgen mir', exact: true }).click()
    await anna.page.getByTestId('spotlight-banner').waitFor({ timeout: 10_000 })
    expect(await anna.page.getByTestId('spotlight-banner').textContent()).toContain('Die Moderation holt alle zu sich')
    await expect
      .poll(
        async () => {
          const [a, f] = [await noteBoxes(anna.page), await noteBoxes(facilitator.page)]
          return Math.max(...a.map((box, i) => Math.abs(box.x - f[i]!.x) + Math.abs(box.y - f[i]!.y)))
        },
        { timeout: 10_000 },
      )
      .toBeLessThan(6)
    // Looking around on her own pauses the following, until she picks it up again.
    await anna.page.mouse.move(center.x, center.y + 200)
    await anna.page.mouse.wheel(0, 300)
    await anna.page.getByTestId('spotlight-paused').waitFor({ timeout: 10_000 })
    await anna.page.getByRole('button', { name: 'Wieder der Moderation folgen', exact: true }).click()
    await anna.page.getByTestId('spotlight-paused').waitFor({ state: 'detached', timeout: 10_000 })
    await facilitator.page.getByRole('button', { name: 'Beenden', exact: true }).click()

    // A lock makes Anna's board read-only, with the reason, until it is lifted.
    await facilitator.page.getByRole('textbox', { name: 'Grund für die Sperre' }).fill('Wir schauen gemeinsam drauf')
    await facilitator.page.getByRole('button', { name: 'Sperren', exact: true }).click()
    await expect.poll(() => anna.page.getByTestId('lock-banner').textContent(), { timeout: 10_000 }).toContain('Wir schauen gemeinsam drauf')
    await facilitator.page.getByRole('button', { name: 'Freigeben', exact: true }).click()
    await anna.page.getByTestId('lock-banner').waitFor({ state: 'detached', timeout: 10_000 })

    // Dot voting: three dots, a fourth refused, then the counts on the notes.
    await facilitator.page.getByRole('button', { name: 'Abstimmung starten', exact: true }).click()
    await anna.page.getByTestId('dot-vote-bar').waitFor({ timeout: 10_000 })
    expect(await anna.page.getByTestId('dot-counter').textContent()).toBe('0 von 3 Punkten')
    for (const index of [0, 1, 2]) {
      await selectNote(anna.page, index)
      await anna.page.getByTestId('place-dot').click()
      await expect.poll(() => anna.page.getByTestId('dot-counter').textContent(), { timeout: 10_000 }).toBe(`${index + 1} von 3 Punkten`)
    }
    await selectNote(anna.page, 0)
    await anna.page.getByTestId('place-dot').click()
    await expect.poll(() => anna.page.getByTestId('vote-message').textContent(), { timeout: 10_000 }).toContain('Du hast alle 3 Punkte vergeben')
    expect(await anna.page.getByTestId('dot-counter').textContent()).toBe('3 von 3 Punkten')

    await facilitator.page.getByRole('button', { name: 'Abstimmung schließen', exact: true }).click()
    await facilitator.page.getByRole('button', { name: 'Ergebnis zeigen', exact: true }).click()
    const badges = anna.page.locator('[data-testid="vote-badge"][data-kind="result"]')
    await expect.poll(() => badges.count(), { timeout: 10_000 }).toBe(3)
    expect(await badges.allTextContents()).toEqual(['1', '1', '1'])
    await anna.page.getByTestId('vote-ranking').waitFor()
    expect(await anna.page.getByTestId('vote-ranking').textContent()).toContain('Materialbörse')
  }, 90_000)
})
