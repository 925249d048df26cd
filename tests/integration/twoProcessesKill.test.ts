import { afterEach, expect, it } from 'vitest'
import { createEventFixture } from '../support/api.ts'
import { connectLikeBoardPage, type BoardClient } from '../support/boardClient.ts'
import { describeWithNginx } from '../support/nginx.ts'
import { describeWithPostgres } from '../support/postgres.ts'
import { describeWithRedis } from '../support/redis.ts'
import { CLUSTER_ADMIN_TOKEN, startServerCluster, type ServerCluster } from '../support/serverCluster.ts'
import { killHard } from '../support/serverProcess.ts'
import { until } from '../support/until.ts'

type PageClient = ReturnType<typeof connectLikeBoardPage>

const WRITERS = 8
const WRITE_EVERY_MS = 40

let cluster: ServerCluster | null = null
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await cluster?.stop()
  cluster = null
})

function connect(boardId: string, token: string): PageClient {
  if (!cluster) throw new Error('no cluster')
  const client = connectLikeBoardPage(cluster.wsUrl, boardId, token)
  clients.push(client)
  return client
}

describeWithPostgres('two server processes on PostgreSQL', () => {
  describeWithRedis('and Redis', () => {
    describeWithNginx('behind nginx', () => {
      it('SIGKILL of one process under 8 writers loses no edit; its clients go on through the other', { timeout: 120_000 }, async () => {
        cluster = await startServerCluster(2)
        const { board, participant } = await createEventFixture(cluster.nginx.url, CLUSTER_ADMIN_TOKEN)
        const writers = Array.from({ length: WRITERS }, () => connect(board.id, participant.token))
        const reader = connect(board.id, participant.token)
        await until(() => [...writers, reader].every((client) => client.provider.synced), 'every client to sync through nginx')
        // nginx hands connections out in turn, so both processes hold writers.
        const held = await cluster.syncConnections()
        expect(held.every((count) => count > 0)).toBe(true)

        const written = writers.map(() => 0)
        const timer = setInterval(() => {
          writers.forEach((writer, index) => {
            const n = written[index]!
            writer.records.set(`w${index}-${n}`, `Idee ${index}.${n}`)
            written[index] = n + 1
          })
        }, WRITE_EVERY_MS)
        try {
          await new Promise((resolve) => setTimeout(resolve, 1_500))
          const killedAt = Date.now()
          await killHard(cluster.processes[0]!)
          // Those that were on the killed process reconnect through nginx to the one left and sync again.
          await until(() => writers.every((writer) => writer.syncedAt() > killedAt || writer.closes.length === 0), 'the killed process’s clients to be back', 30_000)
          await new Promise((resolve) => setTimeout(resolve, 1_500))
        } finally {
          clearInterval(timer)
        }
        const total = written.reduce((sum, count) => sum + count, 0)
        expect(writers.filter((writer) => writer.closes.length > 0).length).toBeGreaterThan(0)

        await until(() => [...writers, reader].every((client) => client.records.size === total), `all ${total} edits at every client`, 30_000)
        for (const client of clients.splice(0)) client.destroy()
        // What the surviving process stored, read by a fresh client once the board was unloaded.
        await new Promise((resolve) => setTimeout(resolve, 500))
        const fresh = connect(board.id, participant.token)
        await until(() => fresh.provider.synced, 'a fresh client to sync')
        expect(fresh.records.size).toBe(total)
        writers.forEach((_, index) => expect(fresh.records.get(`w${index}-${written[index]! - 1}`)).toBe(`Idee ${index}.${written[index]! - 1}`))
      })
    })
  })
})
