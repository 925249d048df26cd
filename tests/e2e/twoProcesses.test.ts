import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createEventFixture } from '../support/api.ts'
import { describeWithNginx } from '../support/nginx.ts'
import { describeWithPostgres } from '../support/postgres.ts'
import { describeWithRedis } from '../support/redis.ts'
import { CLUSTER_ADMIN_TOKEN, startServerCluster, type ServerCluster } from '../support/serverCluster.ts'
import { ensureClientBuilt } from './support/appServer.ts'
import { addStickyNote, canvasCenter, drawRectangle, joinBoard, shapes, waitForConnection, type Participant } from './support/boardPage.ts'
import { describeInChromium, launchChromium } from './support/chromium.ts'

let cluster: ServerCluster
let browser: Browser
const participants: Participant[] = []

describeInChromium('two server processes in the browser', () => {
  describeWithPostgres('on PostgreSQL', () => {
    describeWithRedis('and Redis', () => {
      describeWithNginx('behind nginx', () => {
        beforeAll(async () => {
          await ensureClientBuilt()
          cluster = await startServerCluster(2)
          browser = await launchChromium()
        })

        afterAll(async () => {
          for (const participant of participants.splice(0)) await participant.context.close()
          await browser?.close()
          await cluster?.stop()
        })

        it('two people whose boards sit on different processes draw on one board and see each other', { timeout: 120_000 }, async () => {
          const { board, participant } = await createEventFixture(cluster.nginx.url, CLUSTER_ADMIN_TOKEN)
          const url = `${cluster.nginx.url}/b/${board.id}?token=${participant.token}`
          const anna = await joinBoard(browser, url, 'Anna')
          const ben = await joinBoard(browser, url, 'Ben', '#e03131')
          participants.push(anna, ben)
          await waitForConnection(anna.page, 'online')
          await waitForConnection(ben.page, 'online')
          // nginx hands out connections in turn, page assets included; a reload deals Ben's board connection again until each process holds one.
          for (let attempt = 0; attempt < 8 && !(await cluster.syncConnections()).every((count) => count === 1); attempt++) {
            await ben.page.reload()
            await waitForConnection(ben.page, 'online')
            await expect.poll(async () => (await cluster.syncConnections()).reduce((sum, count) => sum + count, 0), { timeout: 10_000 }).toBe(2)
          }
          expect(await cluster.syncConnections()).toEqual([1, 1])

          const annaCenter = await canvasCenter(anna.page)
          await drawRectangle(anna.page, { x: annaCenter.x - 200, y: annaCenter.y - 80 })
          await expect.poll(() => shapes(ben.page, 'geo').count(), { timeout: 15_000 }).toBe(1)
          const benCenter = await canvasCenter(ben.page)
          await addStickyNote(ben.page, { x: benCenter.x + 120, y: benCenter.y + 40 }, 'Klang trifft Werkbank')
          await expect.poll(() => shapes(anna.page, 'note').count(), { timeout: 15_000 }).toBe(1)
          await expect.poll(() => shapes(anna.page, 'note').first().textContent(), { timeout: 15_000 }).toContain('Klang trifft')
        })
      })
    })
  })
})
