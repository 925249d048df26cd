import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { addStickyNote, canvasCenter } from '../../tests/e2e/support/boardPage.ts'
import type { ServerHandle } from '../servers.ts'
import type { NetworkProfile } from './networkProfiles.ts'
import { ThrottledPhone, type RequestRecord } from './throttledPhone.ts'

const NOTE_TEXT = 'Hallo von Phone A'
/** After the canvas shows, fonts, icons and the board's content keep arriving for a while; a fresh phone's bytes count until this much quiet. */
const QUIET_AFTER_CANVAS_MS = 3_000

export interface PhoneJoinFigures {
  profile: string
  codeFieldBytes: number
  codeFieldMs: number
  canvasMs: number
  noteSeenMs: number
  freshBoardBytes: number
  freshBoardRequests: number
  /** Same-origin GETs of the whole join, for the crowd replay. */
  joinRequests: RequestRecord[]
}

/**
 * One phone scans the QR code (opens `/?code=…`), types name and side, opens
 * the board and adds a note; another phone, already on the board, waits to
 * see it. Both are throttled alike. Times count from opening the link.
 */
export async function measurePhoneJoin(browser: Browser, server: ServerHandle, profile: NetworkProfile): Promise<PhoneJoinFigures> {
  if (!server.event) throw new Error('the phone join needs our server')
  const { api, id: eventId } = server.event
  // Each profile's board has a title of its own: the lobby lists the earlier profiles' boards too.
  const boardTitle = `Freie Ideenschmiede (${profile.id})`
  const boardId = await api.createBoard(eventId, boardTitle)
  const code = await api.createJoinCode(eventId)
  const token = await api.createParticipantToken(eventId)
  const boardUrl = `${server.httpUrl}/b/${boardId}?token=${encodeURIComponent(token)}`

  const watcher = await ThrottledPhone.open(browser, profile, { id: 'bench-watcher', name: 'Bea', color: '#2f9e44', locale: 'de', side: 'unternehmen' })
  await watcher.page.goto(boardUrl)
  await watcher.waitForMark('canvas')
  const noteSeen = watcher.page.waitForFunction(
    (text) => {
      const seen = [...document.querySelectorAll('.tl-shape[data-shape-type="note"]')].some((note) => note.textContent?.includes(text))
      return seen ? Date.now() : false
    },
    NOTE_TEXT,
    { timeout: 180_000, polling: 'raf' },
  )
  // Awaited after the phone's steps; a failure there must not surface first as this wait's rejection.
  noteSeen.catch(() => undefined)

  const phone = await ThrottledPhone.open(browser, profile, null)
  const openedAt = Date.now()
  const steps = async () => {
    await phone.page.goto(`${server.httpUrl}/?code=${code}`, { waitUntil: 'commit' })
    const codeFieldAt = await phone.waitForMark('codeField')
    await phone.waitForMark('identityForm')
    await phone.page.getByTestId('lobby-name').fill('Anna')
    await phone.page.getByTestId('lobby-side-kreative').check()
    await phone.page.getByTestId('lobby-submit').click()
    await phone.page.locator('.lobby__board', { hasText: boardTitle }).click()
    const canvasAt = await phone.waitForMark('canvas')
    const center = await canvasCenter(phone.page)
    await addStickyNote(phone.page, center, NOTE_TEXT)
    const noteSeenAt = Number(await (await noteSeen).jsonValue())
    return { codeFieldAt, canvasAt, noteSeenAt }
  }
  const { codeFieldAt, canvasAt, noteSeenAt } = await steps().catch(async (error: unknown) => {
    const screenshot = path.join(os.tmpdir(), `phone-join-${profile.id}.png`)
    await phone.page.screenshot({ path: screenshot })
    throw new Error(`the phone join failed at ${phone.page.url()} (screenshot: ${screenshot})`, { cause: error })
  })

  const origin = new URL(server.httpUrl).origin
  const figures = {
    codeFieldBytes: phone.requests.filter((request) => request.finishedAt <= codeFieldAt).reduce((sum, request) => sum + request.encodedBytes, 0),
    codeFieldMs: codeFieldAt - openedAt,
    canvasMs: canvasAt - openedAt,
    noteSeenMs: noteSeenAt - openedAt,
    joinRequests: phone.requests.filter((request) => request.method === 'GET' && new URL(request.url).origin === origin),
  }
  await phone.close()
  await watcher.close()

  const fresh = await ThrottledPhone.open(browser, profile, { id: 'bench-fresh', name: 'Frida', color: '#1971c2', locale: 'de', side: 'kreative' })
  await fresh.page.goto(boardUrl)
  await fresh.waitForMark('canvas')
  await waitForQuiet(fresh, QUIET_AFTER_CANVAS_MS)
  const freshBoardBytes = fresh.httpBytes + fresh.webSocketBytes
  const freshBoardRequests = fresh.requests.length
  await fresh.close()
  return { profile: profile.id, ...figures, freshBoardBytes, freshBoardRequests }
}

async function waitForQuiet(phone: ThrottledPhone, quietMs: number): Promise<void> {
  let seen = -1
  for (;;) {
    const count = phone.requests.length + phone.webSocketBytes
    if (count === seen) return
    seen = count
    await new Promise((resolve) => setTimeout(resolve, quietMs))
  }
}
