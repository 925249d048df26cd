import { connectLikeBoardPage, type BoardClient } from '../../tests/support/boardClient.ts'
import { sleep } from '../procStats.ts'
import type { PageSpec, PageState } from './clientProtocol.ts'

const SYNC_TIMEOUT_MS = 60_000
const POLL_MS = 5

interface PageClient {
  spec: PageSpec
  client: BoardClient & { closes: number[]; syncedAt: () => number }
  written: string[]
  seq: number
}

/**
 * Stock y-websocket providers that reconnect on the board page's own
 * schedule (1012 → within 250 ms, any other close → full-jitter backoff),
 * each with its full Y.Doc, as a phone or laptop keeps it across a
 * reconnect. Writers add a new note per edit, so every edit can be counted.
 */
export class PageClients {
  private pages: PageClient[] = []
  private writeTimer: NodeJS.Timeout | null = null

  async open(specs: PageSpec[]): Promise<void> {
    for (const spec of specs) {
      this.pages.push({ spec, client: connectLikeBoardPage(spec.wsBase, spec.boardId, spec.token), written: [], seq: 0 })
    }
    const deadline = Date.now() + SYNC_TIMEOUT_MS
    while (!this.pages.every((page) => page.client.provider.synced)) {
      if (Date.now() > deadline) throw new Error('page clients did not sync within the timeout')
      await sleep(POLL_MS)
    }
  }

  /** Every writer adds one note `hz` times a second, connected or not: offline edits are sent on reconnect. */
  write(hz: number): void {
    if (this.writeTimer) clearInterval(this.writeTimer)
    this.writeTimer = null
    if (hz <= 0) return
    this.writeTimer = setInterval(() => {
      for (const page of this.pages) {
        if (!page.spec.writer) continue
        const key = `edit-${page.spec.uid}-${page.seq++}`
        page.client.records.set(key, `Idee ${page.seq}`)
        page.written.push(key)
      }
    }, 1_000 / hz)
  }

  state(withKeys: boolean): PageState[] {
    return this.pages.map((page) => ({
      uid: page.spec.uid,
      writer: page.spec.writer,
      syncedAt: page.client.syncedAt(),
      closes: page.client.closes,
      keys: withKeys ? (page.spec.writer ? page.written : Object.keys(page.client.records.toJSON())) : null,
    }))
  }

  /**
   * When each client had synced after `after` and held `minNotes` notes,
   * checked on its own sync and update events so the time is not a poll's.
   */
  async resynced(after: number, minNotes: number, timeoutMs: number): Promise<Array<number | null>> {
    const times: Array<number | null> = this.pages.map(() => null)
    const detach = this.pages.map((page, index) => {
      const check = (): void => {
        if (times[index] !== null || !page.client.provider.synced || page.client.syncedAt() <= after) return
        if (page.client.records.size >= minNotes) times[index] = Date.now()
      }
      // Registered after connectLikeBoardPage's own listener, so syncedAt is already set when this runs.
      page.client.provider.on('sync', check)
      page.client.doc.on('update', check)
      check()
      return () => {
        page.client.provider.off('sync', check)
        page.client.doc.off('update', check)
      }
    })
    const deadline = Date.now() + timeoutMs
    while (times.some((time) => time === null) && Date.now() < deadline) await sleep(POLL_MS)
    for (const off of detach) off()
    return times
  }

  close(): void {
    this.write(0)
    for (const page of this.pages.splice(0)) page.client.destroy()
  }
}
