import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Board } from '../../shared/api.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { addStickyNote, canvasCenter, shapes, waitForCanvas } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

/** Where a person can look through the day afterwards: one picture per phase and screen (ignored by git). */
const SHOTS = path.resolve('test-screenshots/dress-rehearsal')

const PHONE = { width: 390, height: 844 }
const LAPTOP = { width: 1366, height: 768 }
const PROJECTOR = { width: 1920, height: 1080 }

interface Phone {
  name: string
  side: 'kreative' | 'unternehmen'
  organisation: string
  page: Page
}

const PEOPLE = [
  { name: 'Anna', side: 'kreative', organisation: 'Studio Nord' },
  { name: 'Clara', side: 'kreative', organisation: 'Atelier Ost' },
  { name: 'Emil', side: 'kreative', organisation: 'Klangwerk' },
  { name: 'Ben', side: 'unternehmen', organisation: 'Lausitzer Pappe' },
  { name: 'Dora', side: 'unternehmen', organisation: 'Spreewald Reisen' },
  { name: 'Falk', side: 'unternehmen', organisation: 'Tischlerei Falk' },
] as const

let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

async function newScreen(viewport: { width: number; height: number }, phone = false): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone, acceptDownloads: true, locale: 'de-DE' })
  contexts.push(context)
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[dress rehearsal] page error: ${error.message}\n`))
  return page
}

async function shot(page: Page, phase: string, screen: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${phase}-${screen}.png`) })
}

/** Scanning the projector's QR code: the join page takes the code from the URL and goes straight on to name and side. */
async function checkIn(code: string, person: (typeof PEOPLE)[number]): Promise<Phone> {
  const page = await newScreen(PHONE, true)
  await page.goto(`${server.httpUrl}/?code=${code}`)
  await page.getByTestId('lobby-name').fill(person.name, { timeout: 20_000 })
  await page.getByTestId(`lobby-side-${person.side}`).check()
  await page.getByTestId('lobby-submit').click()
  await page.getByRole('heading', { name: 'Boards' }).waitFor()
  return { ...person, page }
}

async function saveProfile(phone: Phone): Promise<void> {
  const { page } = phone
  await page.locator('summary', { hasText: 'Profil anlegen' }).click()
  await page.getByLabel('Organisation').fill(phone.organisation)
  await page.getByLabel('Was ich anbiete').fill(phone.side === 'kreative' ? 'Gestaltung, Klang, Geschichten' : 'Werkstatt, Material, Aufträge')
  await page.getByLabel('Kontakt').fill(`${phone.name.toLowerCase()}@example.org`)
  await page.getByRole('button', { name: 'Profil speichern' }).click()
  await page.getByText('Gespeichert.', { exact: true }).waitFor()
}

async function setPhase(console: Page, title: string): Promise<void> {
  await console.locator('.agenda__phase', { hasText: title }).click()
  await console.locator('.agenda__phase--current', { hasText: title }).waitFor()
}

async function phaseTitleOn(page: Page): Promise<string> {
  return (await page.getByTestId('phase-title').first().textContent()) ?? ''
}

describeInChromium('a whole workshop day in Chromium (dress rehearsal)', () => {
  beforeAll(async () => {
    fs.rmSync(SHOTS, { recursive: true, force: true })
    fs.mkdirSync(SHOTS, { recursive: true })
    server = await startAppServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close()
    await browser?.close()
    await server?.stop()
  })

  it('facilitator, projector and six phones go from check-in through speed-dating, pitches, notes with a dot vote, group boards and a workshop timer to the report', async () => {
    const f: EventFixture = await createEventFixture(server.httpUrl, server.adminToken, 'CrossInnovation made in Saxony')
    const pitchBoard = await api<Board>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, { title: 'Pitches', template: 'leer' })
    const ideas = await api<Board>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, { title: 'Ideenschmiede', template: 'ideenschmiede' })
    expect([pitchBoard.status, ideas.status]).toEqual([201, 201])

    const console = await newScreen(LAPTOP)
    await console.goto(`${server.httpUrl}/e/${f.event.id}?token=${f.facilitator.token}`)
    await console.locator('.agenda__phase--current', { hasText: 'Ankommen & Check-in' }).waitFor()
    const projector = await newScreen(PROJECTOR)
    await projector.goto(f.viewer.url)

    // Check-in: the projector shows the code large, and every phone scans it.
    await projector.getByTestId('projector-join').locator('img').waitFor()
    await expect.poll(() => projector.getByTestId('projector-join').getAttribute('data-size')).toBe('large')
    const code = ((await projector.getByTestId('projector-join-code').textContent()) ?? '').trim()
    expect(code).toBe(f.participant.code)
    await expect.poll(() => projector.getByTestId('projector-people').textContent()).toBe('Noch niemand dabei')
    const phones: Phone[] = []
    for (const person of PEOPLE) phones.push(await checkIn(code, person))
    for (const phone of phones) await saveProfile(phone)
    await expect.poll(() => console.getByTestId('roster').textContent()).toContain('Falk')
    // The projector counts people, not devices: six phones, the console and the projector itself make six.
    await expect.poll(() => projector.getByTestId('projector-people').textContent()).toBe('6 sind schon dabei')
    await shot(phones[0]!.page, '1-check-in', 'phone')
    await shot(projector, '1-check-in', 'projector')
    await shot(console, '1-check-in', 'console')

    // Speed-dating: two rounds; partners see each other's card; the projector shows who sits where.
    await setPhase(console, 'Speeddating')
    await expect.poll(() => projector.getByTestId('projector-join').getAttribute('data-size')).toBe('corner')
    for (const round of [1, 2]) {
      await console.getByRole('button', { name: 'Nächste Runde' }).click()
      for (const phone of phones) await phone.page.getByRole('heading', { name: `Speeddating · Runde ${round}` }).waitFor()
      await projector.getByTestId('projector-table-plan').waitFor()
      await expect.poll(() => projector.getByTestId('projector-table-plan').textContent()).toContain(`Runde ${round}`)
      // Three tables: big type, one name per line.
      expect(await projector.getByTestId('projector-table-plan').getAttribute('data-size')).toBe('large')
      const partner = (await phones[0]!.page.getByTestId('speed-partners').textContent()) ?? ''
      expect(PEOPLE.filter((person) => person.side === 'unternehmen').some((person) => partner.includes(person.name))).toBe(true)
      await expect(phones[0]!.page.getByTestId('speed-partner-card').first().textContent()).resolves.toContain('Werkstatt, Material, Aufträge')
      await shot(phones[0]!.page, `2-speed-dating-round-${round}`, 'phone')
      await shot(projector, `2-speed-dating-round-${round}`, 'projector')
      await console.getByRole('button', { name: 'Runde beenden' }).click()
      for (const phone of phones) await phone.page.getByRole('heading', { name: 'Speeddating', exact: true }).waitFor()
      await expect(phones[0]!.page.getByTestId('speed-round').count()).resolves.toBe(0)
    }
    const [anna] = phones
    const annaMet = anna!.page.getByTestId('speed-met').first()
    const partnerName = (await annaMet.textContent())?.match(/Ben|Dora|Falk/)?.[0]
    expect(partnerName).toBeDefined()
    const partner = phones.find((phone) => phone.name === partnerName)!
    await annaMet.getByRole('button', { name: 'Ja' }).click()
    await annaMet.getByRole('checkbox', { name: 'Kontaktdaten teilen' }).check()
    const partnerMet = partner.page.getByTestId('speed-met').filter({ hasText: 'Anna' })
    await partnerMet.getByRole('button', { name: 'Ja' }).click()
    await partnerMet.getByRole('checkbox', { name: 'Kontaktdaten teilen' }).check()
    await expect.poll(() => anna!.page.getByTestId('speed-matches').textContent(), { timeout: 10_000 }).toContain(`${partnerName!.toLowerCase()}@example.org`)
    await expect.poll(() => partner.page.getByTestId('speed-matches').textContent(), { timeout: 10_000 }).toContain('anna@example.org')
    await console.getByRole('button', { name: 'Speeddating abschließen' }).click()
    await shot(anna!.page, '3-speed-dating-matches', 'phone')

    // Pitches: two people pitch; phones see who pitches now and their own place in the queue.
    await setPhase(console, 'Pitch Kreativschaffende')
    await console.locator('summary', { hasText: 'Board, Zeit und Reihenfolge festlegen' }).click()
    await console.getByLabel('Pitch-Board').selectOption({ label: 'Pitches' })
    await console.getByRole('button', { name: 'Reihenfolge übernehmen' }).click()
    await console.getByText('Die Pitch-Rahmen liegen auf dem Board.').waitFor()
    await console.getByRole('button', { name: 'Nächster Pitch' }).click()
    await expect.poll(() => anna!.page.getByTestId('pitch-status-now').textContent()).toContain('Anna')
    await expect.poll(() => phones[1]!.page.getByTestId('pitch-status-mine').textContent()).toContain('Du bist als Nächstes dran')
    await shot(phones[1]!.page, '4-pitch-1', 'phone')
    await shot(projector, '4-pitch-1', 'projector')
    await console.getByRole('button', { name: 'Nächster Pitch' }).click()
    await expect.poll(() => anna!.page.getByTestId('pitch-status-now').textContent()).toContain('Clara')
    await expect.poll(() => anna!.page.getByTestId('pitch-status-mine').textContent()).toContain('Dein Pitch ist geschafft')
    await console.locator('section[aria-labelledby="pitch-queue-title"]').getByRole('button', { name: 'Beenden', exact: true }).click()
    await expect.poll(() => anna!.page.getByTestId('pitch-status-now').textContent()).toBe('Gerade pitcht niemand.')
    // After 'Beenden' the queue goes on where it stopped: Anna stays done, Emil is next.
    await expect(anna!.page.getByTestId('pitch-status-mine').textContent()).resolves.toContain('Dein Pitch ist geschafft')
    await expect(anna!.page.getByTestId('pitch-status-next').textContent()).resolves.toContain('Emil')
    // A pitch timer ran after the speed-dating: no finished round comes back on any phone.
    for (const phone of phones) await expect(phone.page.getByTestId('speed-round').count()).resolves.toBe(0)

    // Ideenschmiede: notes on the template, a dot vote, the ranking on the projector.
    await setPhase(console, 'Freie Ideenschmiede & Pause')
    for (const phone of phones) await expect.poll(() => phaseTitleOn(phone.page)).toContain('Freie Ideenschmiede')
    const noteWriters = [phones[0]!, phones[3]!]
    for (const [index, phone] of noteWriters.entries()) {
      await phone.page.getByRole('link', { name: 'Ideenschmiede', exact: true }).click()
      await waitForCanvas(phone.page)
      await expect.poll(() => phone.page.getByTestId('board-title').textContent()).toBe('Ideenschmiede')
      const center = await canvasCenter(phone.page)
      await addStickyNote(phone.page, { x: center.x - 90 + index * 180, y: center.y + index * 120 }, index === 0 ? 'Klangspaziergang durch die Werkhalle' : 'Azubis und Kreative tauschen eine Woche')
    }
    await shot(noteWriters[0]!.page, '5-ideenschmiede', 'phone')
    // The facilitator opens the board beside the console, on the same laptop, and gives their name once.
    const facilitatorBoard = await console.context().newPage()
    await facilitatorBoard.goto(`${server.httpUrl}/b/${ideas.body.id}?token=${f.facilitator.token}`)
    await facilitatorBoard.getByLabel('Dein Name').fill('Mona')
    await facilitatorBoard.getByRole('button', { name: 'Los geht’s' }).click()
    await waitForCanvas(facilitatorBoard)
    await expect.poll(() => shapes(facilitatorBoard, 'note').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    await facilitatorBoard.getByTestId('moderation-toggle').click()
    await facilitatorBoard.getByRole('button', { name: 'Abstimmung starten', exact: true }).click()
    for (const phone of noteWriters) {
      await phone.page.getByTestId('dot-vote-bar').waitFor({ timeout: 15_000 })
      await shapes(phone.page, 'note').filter({ hasText: 'Klangspaziergang' }).click()
      await phone.page.getByTestId('place-dot').click()
      await expect.poll(() => phone.page.getByTestId('dot-counter').textContent()).toBe('1 von 3 Punkten')
    }
    await facilitatorBoard.getByRole('button', { name: 'Abstimmung schließen', exact: true }).click()
    await facilitatorBoard.getByRole('button', { name: 'Ergebnis zeigen', exact: true }).click()
    await expect.poll(() => projector.getByTestId('projector-ranking').textContent(), { timeout: 15_000 }).toContain('Klangspaziergang')
    await shot(projector, '5-ideenschmiede-vote', 'projector')
    await shot(noteWriters[1]!.page, '5-ideenschmiede-vote', 'phone')

    // Group boards from two of the template's frames; phones land on their own group board; the projector shows the overview.
    // The moderation panel covers part of the board: closed to pick the frames, opened again to make the groups.
    await facilitatorBoard.getByTestId('moderation-toggle').click()
    await facilitatorBoard.keyboard.press('Escape')
    await facilitatorBoard.keyboard.press('Shift+1')
    await shapes(facilitatorBoard, 'frame').nth(0).locator('.tl-frame-heading').click()
    await shapes(facilitatorBoard, 'frame').nth(1).locator('.tl-frame-heading').click({ modifiers: ['Shift'] })
    await facilitatorBoard.getByTestId('moderation-toggle').click()
    await shot(facilitatorBoard, '6-group-boards-selection', 'console')
    await facilitatorBoard.getByTestId('breakout-from-selection').click()
    await facilitatorBoard.getByTestId('breakout-state').waitFor({ timeout: 15_000 })
    for (const phone of noteWriters) {
      await phone.page.waitForURL((url) => !url.pathname.endsWith(ideas.body.id), { timeout: 15_000 })
      await waitForCanvas(phone.page)
      await expect.poll(() => phone.page.getByTestId('board-title').textContent()).toMatch(/^Cluster [12]$/)
    }
    await projector.getByTestId('projector-groups').waitFor({ timeout: 15_000 })
    await expect.poll(() => projector.locator('.overview-wall__tile').count()).toBe(2)
    await shot(noteWriters[0]!.page, '6-group-boards', 'phone')
    await shot(projector, '6-group-boards', 'projector')
    await shot(console, '6-group-boards', 'console')

    // Workshop: a timer runs on every screen, and still no finished round comes back.
    await setPhase(console, 'Workshop')
    await console.getByRole('button', { name: '10 Min.', exact: true }).click()
    await expect.poll(() => phones[2]!.page.getByTestId('phase-timer').textContent()).toMatch(/\d+:\d{2}/)
    for (const phone of phones) await expect(phone.page.getByTestId('speed-round').count()).resolves.toBe(0)
    await expect(console.getByTestId('speed-status').textContent()).resolves.toContain('Speeddating abgeschlossen')
    // The projector's timer box sits above the group wall, not on a board's corner.
    await expect.poll(() => projector.getByTestId('phase-timer').textContent()).toMatch(/\d+:\d{2}/)
    const timerBox = await projector.getByTestId('phase-timer').boundingBox()
    const firstTile = await projector.getByTestId('projector-groups').locator('.overview-wall__tile').first().boundingBox()
    expect(timerBox!.y + timerBox!.height).toBeLessThanOrEqual(firstTile!.y)
    await shot(phones[2]!.page, '7-workshop', 'phone')
    await shot(projector, '7-workshop', 'projector')

    // The report: the notes, the votes and the mutual contact, as a CSV German Excel opens.
    const [download] = await Promise.all([console.waitForEvent('download'), console.getByRole('button', { name: 'Ergebnisse (CSV)' }).first().click()])
    const csv = fs.readFileSync(await download.path(), 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain('Klangspaziergang durch die Werkhalle')
    expect(csv).toContain(';')
    await shot(console, '8-report', 'console')
  }, 600_000)
})
