import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { afterEach, describe, expect, it } from 'vitest'
import { WorkshopConnection } from '../../client/src/workshop/WorkshopConnection.ts'
import { until } from '../support/until.ts'

let closers: Array<() => Promise<void> | void> = []

afterEach(async () => {
  for (const close of closers.reverse()) await close()
  closers = []
})

/** A socket.io server that takes connections and never answers a command, like a server stuck on a slow disk. */
async function silentServer(): Promise<{ url: string; io: Server }> {
  const httpServer = http.createServer()
  const io = new Server(httpServer)
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => io.close(() => resolve())))
  return { url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, io }
}

describe('sending a workshop command from the browser', () => {
  it('without an answer in time, the command ends as a timeout instead of leaving the button waiting', async () => {
    const { url } = await silentServer()
    const connection = new WorkshopConnection('token', 'event', { serverUrl: url, commandTimeoutMs: 300 })
    closers.push(() => connection.close())
    await until(() => connection.current.status === 'online', 'connected')
    expect(await connection.send('speed:next', { afterRound: 0 })).toMatchObject({ ok: false, error: { code: 'timeout' } })
  })

  it('without a connection, the command ends at once as offline', async () => {
    const { url, io } = await silentServer()
    const connection = new WorkshopConnection('token', 'event', { serverUrl: url, commandTimeoutMs: 60_000 })
    closers.push(() => connection.close())
    await until(() => connection.current.status === 'online', 'connected')
    io.disconnectSockets(true)
    await until(() => connection.current.status === 'offline', 'offline')
    expect(await connection.send('timer:stop', {})).toMatchObject({ ok: false, error: { code: 'offline' } })
  })
})
