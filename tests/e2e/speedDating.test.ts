import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { JoinResult } from '../../shared/api.ts'
import type { Side } from '../../shared/sides.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

/** One person on their own device: a fresh context with name, side and German chosen (as the join screen stores them), on the given event page. */
async function openAs(name: string, side: Side | null, url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  await context.addInitScript(
    ({ id, name, side }) => {
      if (!localStorage.getItem('ideenschmiede.user')) localStorage.setItem('ideenschmiede.user', JSON.stringify({ id, name, side, color: '#1971c2', locale: 'de' }))
    },
    { id: `e2e-${name}-${Date.now()}`, name, side },
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[${name}] page error: ${error.message}\n`))
  await page.goto(url)
  return page
}

/** A participant joins with the event's code, like typing it on their phone, and opens the lobby with their own token. */
async function joinLobby(f: EventFixture, name: string, side: Side): Promise<Page> {
  const joined = await api<JoinResult>(server.httpUrl, 'POST', '/api/join', undefined, { code: f.participant.code })
  expect(joined.status).toBe(201)
  return openAs(name, side, `${server.httpUrl}/e/${f.event.id}?token=${joined.body.token}`, { width: 390, height: 844 })
}

/** Name and side were given when joining; the card asks only for the rest and shows them. */
async function saveProfile(page: Page, side: 'Kreative' | 'Unternehmen', organisation: string, contact: string): Promise<void> {
  await page.locator('summary', { hasText: 'Profil anlegen' }).click({ timeout: 20_000 })
  await expect.poll(() => page.getByTestId('profile-identity').textContent()).toContain(side)
  await page.getByLabel('Organisation').fill(organisation)
  await page.getByLabel('Kontakt').fill(contact)
  await page.getByRole('button', { name: 'Profil speichern' }).click()
  await page.getByText('Gespeichert.', { exact: true }).waitFor()
}

/** The round timer as seconds left, read from the participant's screen ("Noch 4:59"). */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByTestId('speed-timer').textContent()) ?? ''
  const match = /(\d+):(\d{2})/.exec(text)
  if (!match) throw new Error(`no time in "${text}"`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** A facilitator's double click starts one round: the button waits for the server's answer, and the command names the round it follows. */
async function startRound(moderation: Page, number: number, people: readonly Page[]): Promise<void> {
  await moderation.getByRole('button', { name: 'Nächste Runde' }).dblclick()
  for (const page of people) await page.getByRole('heading', { name: `Speeddating · Runde ${number}` }).waitFor()
}

describeInChromium('speed-dating in three browsers', () => {
  beforeAll(async () => {
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

  it('a creative and a company meet in two rounds, see each other and the same timer, mark each other and both see the match', async () => {
    const f = await createEventFixture(server.httpUrl, server.adminToken)
    const anna = await joinLobby(f, 'Anna', 'kreative')
    const ben = await joinLobby(f, 'Ben', 'unternehmen')
    await saveProfile(anna, 'Kreative', 'Studio Nord', 'anna@studio-nord.de')
    await saveProfile(ben, 'Unternehmen', 'Lausitzer Pappe', 'ben@pappe.de')

    const moderation = await openAs('Moderation', null, `${server.httpUrl}/e/${f.event.id}?token=${f.facilitator.token}`, { width: 1440, height: 900 })
    for (const number of [1, 2]) {
      await startRound(moderation, number, [anna, ben])
      const boards = await api<{ boards: Array<{ title: string }> }>(server.httpUrl, 'GET', `/api/events/${f.event.id}`, f.facilitator.token)
      expect(boards.body.boards.filter((board) => board.title.startsWith('Speeddating')).map((board) => board.title)).toHaveLength(number)
      await expect.poll(() => moderation.getByText(/Runden bisher/).textContent()).toContain(String(number))
      await expect.poll(() => anna.getByTestId('speed-partners').textContent()).toBe('Ben (Lausitzer Pappe)')
      await expect.poll(() => ben.getByTestId('speed-partners').textContent()).toBe('Anna (Studio Nord)')
      await expect(anna.getByTestId('speed-round').textContent()).resolves.toContain('Tisch 1')
      // One server clock behind both screens: they may differ only by the tick in between the two reads.
      const [annaLeft, benLeft] = [await secondsLeft(anna), await secondsLeft(ben)]
      expect(annaLeft).toBeGreaterThan(4 * 60)
      expect(Math.abs(annaLeft - benLeft)).toBeLessThanOrEqual(1)
    }
    await moderation.getByRole('button', { name: 'Runde beenden' }).click()
    await anna.getByRole('heading', { name: 'Speeddating', exact: true }).waitFor()

    const annaMarksBen = anna.getByTestId('speed-met').filter({ hasText: 'Ben' })
    await annaMarksBen.getByRole('button', { name: 'Ja' }).click()
    await annaMarksBen.getByRole('checkbox', { name: 'Kontaktdaten teilen' }).check()
    await expect.poll(() => annaMarksBen.getByRole('button', { name: 'Ja' }).getAttribute('aria-pressed')).toBe('true')
    // One-sided interest stays private: no match yet on either screen, nothing on the console.
    await expect(anna.getByText('Noch keine gegenseitigen Kontakte.', { exact: true }).isVisible()).resolves.toBe(true)
    await expect(moderation.getByTestId('speed-match-count').textContent()).resolves.toContain('0')

    const benMarksAnna = ben.getByTestId('speed-met').filter({ hasText: 'Anna' })
    await benMarksAnna.getByRole('button', { name: 'Ja' }).click()

    await expect.poll(() => ben.getByTestId('speed-matches').textContent(), { timeout: 10_000 }).toContain('Anna (Studio Nord)')
    await expect.poll(() => ben.getByTestId('speed-matches').textContent()).toContain('anna@studio-nord.de')
    await expect.poll(() => anna.getByTestId('speed-matches').textContent(), { timeout: 10_000 }).toContain('Ben (Lausitzer Pappe)')
    // Ben did not tick "Kontaktdaten teilen", so Anna gets his name but not his address.
    await expect(anna.getByTestId('speed-matches').textContent()).resolves.toContain('hat keine Kontaktdaten geteilt')
    await expect.poll(() => moderation.getByTestId('speed-match-count').textContent()).toBe('Gegenseitige Kontakte bisher: 1')
  })

  it('the facilitator swaps the one sitting out into a table by hand, and both phones follow', async () => {
    const f = await createEventFixture(server.httpUrl, server.adminToken)
    const anna = await joinLobby(f, 'Anna', 'kreative')
    const clara = await joinLobby(f, 'Clara', 'kreative')
    const ben = await joinLobby(f, 'Ben', 'unternehmen')
    await saveProfile(anna, 'Kreative', 'Studio Nord', '')
    await saveProfile(clara, 'Kreative', 'Atelier Ost', '')
    await saveProfile(ben, 'Unternehmen', 'Lausitzer Pappe', '')
    const moderation = await openAs('Moderation', null, `${server.httpUrl}/e/${f.event.id}?token=${f.facilitator.token}`, { width: 1440, height: 900 })
    await startRound(moderation, 1, [anna, clara, ben])

    const [seated, sitter] = (await anna.getByTestId('speed-partners').count()) > 0 ? [anna, clara] : [clara, anna]
    const sitterName = sitter === anna ? 'Anna' : 'Clara'
    await sitter.getByText('Du setzt diese Runde aus', { exact: false }).waitFor()
    await moderation.getByLabel('Person 1').selectOption({ label: `${sitterName} (K) – setzt aus` })
    await moderation.getByLabel('Person 2').selectOption({ label: `${seated === anna ? 'Anna' : 'Clara'} (K) – Tisch 1` })
    await moderation.getByRole('button', { name: 'Tauschen' }).click()

    await expect.poll(() => sitter.getByTestId('speed-partners').textContent()).toBe('Ben (Lausitzer Pappe)')
    await seated.getByText('Du setzt diese Runde aus', { exact: false }).waitFor()
    await expect.poll(() => ben.getByTestId('speed-partners').textContent()).toContain(sitterName)
  })
})
