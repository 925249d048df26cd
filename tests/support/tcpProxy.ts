import net from 'node:net'

export interface TcpProxy {
  port: number
  /** Breaks every connection through the proxy and refuses new ones, as a database that went away does. */
  cut(): Promise<void>
}

/** A loopback TCP proxy in front of a server, so a test can take that server away without stopping it for everyone else. */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>()
  const proxy = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', drop)
      socket.on('close', drop)
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const address = proxy.address()
  if (!address || typeof address !== 'object') throw new Error('the proxy has no port')
  return {
    port: address.port,
    cut: () =>
      new Promise((resolve) => {
        proxy.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
