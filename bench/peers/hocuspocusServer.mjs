/*
 * Hocuspocus as `npm run bench` runs it: @hocuspocus/server 4 with its SQLite
 * extension (@hocuspocus/extension-sqlite, better-sqlite3) storing into a file,
 * on plain node like the other servers. Plain JavaScript so it needs no build.
 *
 * env: PORT, HOST, SQLITE_FILE
 */
import process from 'node:process'
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

/**
 * Hocuspocus closes a connection that sent nothing for `timeout` ms (default
 * 60 s). A real provider renews its awareness every 15 s, but the bench's raw
 * receivers send nothing after their handshake, and a sweep keeps them open
 * for minutes. The check runs once per `timeout`, so a longer one costs nothing.
 */
const IDLE_TIMEOUT_MS = 30 * 60_000

function requireEnv(name) {
  const value = process.env[name]
  if (!value) throw new Error(`hocuspocusServer: ${name} is not set`)
  return value
}

const port = Number(requireEnv('PORT'))
if (!Number.isInteger(port) || port <= 0) throw new Error(`hocuspocusServer: PORT=${process.env.PORT} is not a port`)

const server = new Server({
  port,
  address: requireEnv('HOST'),
  quiet: true,
  timeout: IDLE_TIMEOUT_MS,
  extensions: [new SQLite({ database: requireEnv('SQLITE_FILE') })],
})
await server.listen()
process.stdout.write(`hocuspocus listening on ${server.httpURL}\n`)
