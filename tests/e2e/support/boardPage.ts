import type { Browser, BrowserContext, Page } from 'playwright-core'

export interface Participant {
  context: BrowserContext
  page: Page
  name: string
}

let participantCount = 0

/** A participant in their own browser context (own storage, own IndexedDB), with name and colour already chosen. */
export async function joinBoard(browser: Browser, boardUrl: string, name: string, color = '#1971c2'): Promise<Participant> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const id = `e2e-user-${++participantCount}-${Date.now()}`
  await context.addInitScript(
    ({ id, name, color }) => {
      if (!localStorage.getItem('ideenschmiede.user')) {
        localStorage.setItem('ideenschmiede.user', JSON.stringify({ id, name, color, locale: 'de' }))
      }
    },
    { id, name, color },
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => process.stderr.write(`[${name}] page error: ${error.message}\n`))
  await page.goto(boardUrl)
  await waitForCanvas(page)
  return { context, page, name }
}

export async function waitForCanvas(page: Page): Promise<void> {
  await page.locator('.tl-canvas').waitFor({ state: 'visible', timeout: 20_000 })
}

export async function waitForConnection(page: Page, state: 'online' | 'offline'): Promise<void> {
  await page.locator(`[data-testid="connection-state"][data-state="${state}"]`).waitFor({ timeout: 20_000 })
}

/** The middle of the canvas, in page pixels. */
export async function canvasCenter(page: Page): Promise<{ x: number; y: number }> {
  const canvas = page.locator('.tl-canvas')
  let box = null
  // The canvas can be replaced between two looks (the board page opening its document); look again until it stays.
  for (const deadline = Date.now() + 20_000; !box && Date.now() < deadline; ) {
    await canvas.waitFor({ state: 'visible', timeout: 20_000 })
    box = await canvas.boundingBox()
  }
  if (!box) throw new Error(`canvas has no box on ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 300)}`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

export async function drawRectangle(page: Page, from: { x: number; y: number }, size = { w: 160, h: 100 }): Promise<void> {
  await pickTool(page, 'r', 'rectangle')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + size.w, from.y + size.h, { steps: 8 })
  await page.mouse.up()
  await page.keyboard.press('Escape')
}

/** Picks a tool by its shortcut and waits until the toolbar shows it picked, as a person would before drawing. */
export async function pickTool(page: Page, shortcut: string, tool: string): Promise<void> {
  await page.keyboard.press(shortcut)
  await page.locator(`[data-testid="tools.${tool}"][aria-pressed="true"]`).waitFor({ timeout: 10_000 })
}

export async function addStickyNote(page: Page, at: { x: number; y: number }, text: string): Promise<void> {
  await pickTool(page, 'n', 'note')
  await page.mouse.click(at.x, at.y)
  await page.locator('.tl-shape[data-shape-type="note"] [contenteditable="true"]').last().waitFor()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

export function shapes(page: Page, type: string) {
  return page.locator(`.tl-shape[data-shape-type="${type}"]`)
}
