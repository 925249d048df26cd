import { makeTestSchema } from './postgres.ts'
import { SHARED_REDIS_URL, uniqueKeyPrefix } from './redis.ts'
import { killHard, startServerProcess, type ServerProcess } from './serverProcess.ts'
import { makeDataDir } from './testServer.ts'
import { startNginx, type RunningNginx } from './nginx.ts'

export const CLUSTER_ADMIN_TOKEN = 'cluster-test-admin-token'

/** Server processes as `npm start` runs them, sharing a fresh PostgreSQL schema and a Redis key prefix, behind the README's nginx. */
export interface ServerCluster {
  processes: ServerProcess[]
  nginx: RunningNginx
  /** The board sync endpoint through nginx. */
  wsUrl: string
  /** Board connections each process holds now, from its /metrics. */
  syncConnections(): Promise<number[]>
  stop(): Promise<void>
}

export async function startServerCluster(size: number): Promise<ServerCluster> {
  const { url } = await makeTestSchema()
  const env = { DATABASE_URL: url, REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: uniqueKeyPrefix(), ADMIN_TOKEN: CLUSTER_ADMIN_TOKEN }
  const processes: ServerProcess[] = []
  try {
    // One after the other: the first applies the schema migrations, the others find them done.
    for (let n = 0; n < size; n++) processes.push(await startServerProcess({ ...env, DATA_DIR: makeDataDir() }))
    const nginx = await startNginx(processes.map((server) => server.port))
    return {
      processes,
      nginx,
      wsUrl: `${nginx.url.replace('http:', 'ws:')}/yjs`,
      syncConnections: () => Promise.all(processes.map((server) => syncConnectionsOf(server))),
      stop: async () => {
        await nginx.stop()
        for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) await killHard(server)
      },
    }
  } catch (error) {
    for (const server of processes) await killHard(server)
    throw error
  }
}

async function syncConnectionsOf(server: ServerProcess): Promise<number> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return 0
  const res = await fetch(`${server.httpUrl}/metrics`, { headers: { authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}` } })
  const match = /^ideenschmiede_sync_connections (\d+)$/m.exec(await res.text())
  return Number(match?.[1] ?? 0)
}
