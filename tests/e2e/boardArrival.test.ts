import path from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { toRichText } from '@tldraw/tlschema'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { seedPairBoard } from '../../server/boards/boardSeeding.ts'
import { BoardDocuments } from '../../server/boards/BoardDocuments.ts'
import { TLDRAW_SCHEMA } from '../../server/boards/tldrawRecords.ts'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import type { PublicProfile } from '../../shared/profileCard.ts'
import { BoardBuilder } from '../../shared/templates/builder.ts'
import { seedBoardDoc } from '../../shared/templates/index.ts'
import { noteRecord } from '../support/noteRecord.ts'
import type { TestServer } from '../support/testServer.ts'
import { startAppServer } from './support/appServer.ts'
import { waitForConnection } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

const SHOTS = path.resolve('test-screenshots/arrival')
const PHONE = { width: 390, height: 844 }
const LAPTOP = { width: 1366, height: 768 }

let server: TestServer
let browser: Browser
const contexts: BrowserContext[] = []

/** A device with a name already chosen, opening a board with its own link. */
async function openBoardOn(viewport: { width: number; height: number }, url: string): Promise<Page> {
  const phone = viewport.width < 600
  const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone, deviceScaleFactor: phone ? 2 : 1 })
  contexts.push(context)
  await context.addInitScript(() => {
    localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: 'arrival-user', name: 'Pia', side: 'kreative', color: '#9c36b5', locale: 'de' }))
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[arrival] page error: ${error.message}\n`))
  await page.goto(url)
  await waitForConnection(page, 'online')
  return page
}

/** Where a shape is on screen, or null while tldraw does not draw it (culled, off screen). */
async function screenBox(shape: Locator): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return (await shape.count()) === 0 ? null : shape.boundingBox()
}

function intersectsScreen(box: { x: number; y: number; width: number; height: number } | null, viewport: { width: number; height: number }): boolean {
  return box !== null && box.x < viewport.width && box.x + box.width > 0 && box.y < viewport.height && box.y + box.height > 0
}

const card = (name: string, side: PublicProfile['side'], organisation: string): PublicProfile => ({ name, side, organisation, offer: 'Gestaltung', seek: 'Aufträge', tags: [] })

describeInChromium('arriving on a board', () => {
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

  it('a phone opening a board whose notes lie far from the origin sees the notes, and the header names the board with a way back to the lobby', async () => {
    const boardId = await server.createBoard('Ideen am Rand')
    const author = { authorId: 'someone', authorSide: 'unternehmen' as const }
    const notes = ['Pop-up-Werkstatt', 'Lehrlinge zeichnen', 'Stadtteilfest'].map((text, i) => {
      const note = noteRecord(`shape:far-${i}`, 'page:page', text, author, i)
      // tldraw scales a note's text by fontSizeAdjustment, which the fixture leaves at 0 (no text to read on a screenshot).
      return { ...note, x: 5200 + i * 400, y: 4100, props: { ...note.props, fontSizeAdjustment: 1 } }
    })
    await new BoardDocuments(server.server.registry).change(boardId, (doc) => {
      seedBoardDoc(doc, new BoardBuilder('de').records(), TLDRAW_SCHEMA.serialize())
      writeBoardRecords(doc, { set: notes })
    })
    const url = `${server.httpUrl}/b/${boardId}?token=${await server.participantToken()}`

    for (const [screen, viewport] of [['phone', PHONE], ['laptop', LAPTOP]] as const) {
      const page = await openBoardOn(viewport, url)
      const notesOnScreen = async () => {
        const boxes = await Promise.all(notes.map((note) => screenBox(page.locator(`.tl-shape[data-shape-id="${note.id}"]`))))
        return boxes.filter((box) => intersectsScreen(box, viewport)).length
      }
      await expect.poll(notesOnScreen, { timeout: 10_000 }).toBe(notes.length)
      await expect.poll(() => page.getByTestId('board-title').textContent()).toBe('Ideen am Rand')
      expect(await page.getByTestId('back-to-lobby').isVisible()).toBe(true)
      expect(await page.getByTestId('back-to-lobby').getAttribute('href')).toBe(`/e/${await server.eventId()}`)
      await page.screenshot({ path: path.join(SHOTS, `far-notes-${screen}.png`) })
    }
  })

  it('a hatched rectangle is drawn with its hatching once the board has settled, light and dark', async () => {
    const boardId = await server.createBoard('Schraffur')
    const hatched = {
      id: 'shape:hatched',
      typeName: 'shape',
      type: 'geo',
      parentId: 'page:page',
      index: 'a1',
      x: 100,
      y: 100,
      rotation: 0,
      isLocked: false,
      opacity: 1,
      meta: {},
      props: {
        ...{ w: 240, h: 160, geo: 'rectangle', dash: 'solid', growY: 0, url: '', scale: 1, flipX: false, flipY: false },
        ...{ color: 'blue', labelColor: 'black', fill: 'pattern', size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle', richText: toRichText('') },
      },
    }
    await new BoardDocuments(server.server.registry).change(boardId, (doc) => {
      seedBoardDoc(doc, new BoardBuilder('de').records(), TLDRAW_SCHEMA.serialize())
      writeBoardRecords(doc, { set: [hatched] })
    })
    const page = await openBoardOn(LAPTOP, `${server.httpUrl}/b/${boardId}?token=${await server.participantToken()}`)
    // The pattern the shape paints with, as its fill names it, and what that pattern holds: tldraw's hatching
    // tile is an image; a plain rect is the placeholder until the tile is drawn.
    const tileOfShape = () =>
      page.evaluate(() => {
        const fill = document.querySelector('.tl-shape[data-shape-id="shape:hatched"] path[fill^="url(#"]')?.getAttribute('fill')
        const id = fill?.slice('url(#'.length, -1)
        const pattern = id ? document.getElementById(id) : null
        return pattern?.firstElementChild?.getAttribute('href')?.startsWith('blob:') ? 'drawn' : (pattern?.firstElementChild?.tagName ?? 'no pattern')
      })
    await expect.poll(tileOfShape, { timeout: 10_000 }).toBe('drawn')
    await page.screenshot({ path: path.join(SHOTS, 'hatched-light.png') })
    // Dark mode paints with the dark tiles, which are drawn after the light ones.
    await page.keyboard.press('Control+/')
    await expect.poll(() => page.evaluate(() => document.querySelector('.tl-container')?.classList.contains('tl-theme__dark'))).toBe(true)
    await expect.poll(tileOfShape, { timeout: 10_000 }).toBe('drawn')
  })

  it('on a speed-dating table, a phone arrives at its own card, not at the partner’s, and a laptop has its own card in the middle', async () => {
    const eventId = await server.eventId()
    const { link, token } = await server.server.access.issueLink(eventId, 'participant', null)
    const boardId = await server.createBoard('Speeddating · Tisch 1')
    await seedPairBoard(
      new BoardDocuments(server.server.registry),
      boardId,
      [
        { personId: 'partner', card: card('Ben', 'unternehmen', 'Lausitzer Pappe') },
        { personId: link.id, card: card('Pia', 'kreative', 'Studio Nord') },
      ],
      'de',
    )
    const url = `${server.httpUrl}/b/${boardId}?token=${token}`

    for (const [screen, viewport] of [['phone', PHONE], ['laptop', LAPTOP]] as const) {
      const page = await openBoardOn(viewport, url)
      const mine = page.locator('.tl-shape[data-shape-id="shape:card-2"]')
      const partners = page.locator('.tl-shape[data-shape-id="shape:card-1"]')
      // Centred on my card, whole: the view of both cards would centre on the gap between them.
      const myCardInView = async () => {
        const box = await screenBox(mine)
        return box !== null && Math.abs(box.x + box.width / 2 - viewport.width / 2) < 10 && box.x >= 0 && box.x + box.width <= viewport.width
      }
      await expect.poll(myCardInView, { timeout: 10_000 }).toBe(true)
      if (screen === 'phone') expect(intersectsScreen(await screenBox(partners), viewport)).toBe(false)
      await page.screenshot({ path: path.join(SHOTS, `pair-board-${screen}.png`) })
    }
  })
})
