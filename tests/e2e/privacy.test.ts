import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { JoinResult } from '../../shared/api.ts'
import { api, createEventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []
/** Everything the server logs during these tests; it must name no one and hold no token. */
const logLines: string[] = []
const secrets: string[] = []

/** The board copies this browser keeps in IndexedDB. */
function boardCopies(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? '').filter((name) => name.startsWith('ideenschmiede-board:')))
}

async function open(url: string, viewport: { width: number; height: number }, person?: { name: string; side: string }): Promise<Page> {
  const context = await browser.newContext({ viewport })
  contexts.push(context)
  await context.addInitScript((who) => {
    if (who && !localStorage.getItem('ideenschmiede.user')) localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: `e2e-${who.name}`, ...who, color: '#1971c2', locale: 'de' }))
  }, person ?? null)
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`))
  await page.goto(url)
  return page
}

describeInChromium('personal data in the browser', () => {
  beforeAll(async () => {
    server = await startAppServer({ logTo: { write: (line: string) => void logLines.push(line) } })
    secrets.push(server.adminToken)
    browser = await launchChromium()
  }, 180_000)

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })

  afterAll(async () => {
    await browser.close()
    await server.stop()
    const log = logLines.join('')
    expect(logLines.length).toBeGreaterThan(0)
    for (const secret of [...secrets, 'Ronja', 'Kreative Lausitz', '@example.org']) expect(log, `the log mentions ${secret}`).not.toContain(secret)
  })

  it('the join page links the privacy page, which names the organiser’s contact once the phone has joined', async () => {
    const f = await createEventFixture(server.httpUrl, server.adminToken, 'Auftakt Lausitz')
    secrets.push(f.facilitator.token, f.participant.token, f.viewer.token)
    await api(server.httpUrl, 'PATCH', `/api/events/${f.event.id}`, f.facilitator.token, { privacyContact: 'Kreative Lausitz, datenschutz@example.org' })
    const join = await open(`${server.httpUrl}/`, { width: 390, height: 844 })
    await join.getByTestId('privacy-link').click()
    await join.getByRole('heading', { name: 'Datenschutz in der Ideenschmiede' }).waitFor()
    expect(await join.getByTestId('privacy-contact').textContent()).toContain('Frag die Moderation')

    const joined = await api<JoinResult>(server.httpUrl, 'POST', '/api/join', undefined, { code: f.participant.code })
    secrets.push(joined.body.token)
    const phone = await open(`${server.httpUrl}/datenschutz?token=${joined.body.token}`, { width: 390, height: 844 })
    await expect.poll(() => phone.getByTestId('privacy-contact').textContent()).toBe('Kreative Lausitz, datenschutz@example.org')
    expect(await phone.getByTestId('privacy-when').textContent()).toBe('Bei „Auftakt Lausitz“ passiert das am 07.02.2025.')
  })

  it('a participant sees their data in the lobby and deletes it; the facilitator deletes the event by typing its title', async () => {
    const f = await createEventFixture(server.httpUrl, server.adminToken, 'Fachveranstaltung Görlitz')
    const joined = await api<JoinResult>(server.httpUrl, 'POST', '/api/join', undefined, { code: f.participant.code })
    secrets.push(f.facilitator.token, f.participant.token, f.viewer.token, joined.body.token)
    // The phone opens a board first, so it keeps a copy of it.
    const phone = await open(`${server.httpUrl}/b/${f.board.id}?token=${joined.body.token}`, { width: 390, height: 844 }, { name: 'Ronja', side: 'kreative' })
    await phone.locator('.tl-canvas').waitFor({ timeout: 20_000 })
    await expect.poll(() => boardCopies(phone), { timeout: 10_000 }).toEqual([`ideenschmiede-board:${f.board.id}`])
    await phone.goto(`${server.httpUrl}/e/${f.event.id}`)
    await phone.locator('summary', { hasText: 'Deine Daten' }).click({ timeout: 20_000 })
    await phone.getByRole('button', { name: 'Anzeigen, was gespeichert ist' }).click()
    await phone.getByText('Du hast keine Profilkarte ausgefüllt.').waitFor()
    await phone.getByTestId('delete-my-data').click()
    await phone.getByTestId('delete-my-data-yes').click()
    await phone.getByText('Deine Daten sind gelöscht.', { exact: false }).waitFor()
    expect(await phone.evaluate(() => localStorage.getItem('ideenschmiede.token'))).toBeNull()
    expect(await boardCopies(phone)).toEqual([])
    expect((await api(server.httpUrl, 'GET', '/api/me', joined.body.token)).status).toBe(401)

    // Another participant has the board open while the event is deleted: the copy on that phone goes with it.
    const watcher = await open(`${server.httpUrl}/b/${f.board.id}?token=${f.participant.token}`, { width: 390, height: 844 }, { name: 'Ole', side: 'unternehmen' })
    await watcher.locator('[data-testid="connection-state"][data-state="online"]').waitFor({ timeout: 20_000 })
    await expect.poll(() => boardCopies(watcher), { timeout: 10_000 }).toEqual([`ideenschmiede-board:${f.board.id}`])

    const consolePage = await open(`${server.httpUrl}/e/${f.event.id}?token=${f.facilitator.token}`, { width: 1366, height: 768 })
    await consolePage.locator('summary', { hasText: 'Datenschutz und Löschen' }).click({ timeout: 20_000 })
    expect(await consolePage.getByTestId('retention-when').textContent()).toBe('Personenbezogene Daten werden am 07.02.2025 entfernt.')
    await consolePage.getByTestId('delete-confirm').fill('Fachveranstaltung')
    expect(await consolePage.getByTestId('delete-event').isDisabled()).toBe(true)
    await consolePage.getByTestId('delete-confirm').fill('Fachveranstaltung Görlitz')
    await consolePage.getByTestId('delete-event').click()
    await consolePage.waitForURL(`${server.httpUrl}/`)
    expect(await server.server.storage.events.getEvent(f.event.id)).toBeNull()
    await expect.poll(() => boardCopies(watcher), { timeout: 10_000 }).toEqual([])
  })
})
