import net from 'node:net'

/** A TCP relay on loopback that counts every byte between the clients and the server, headers and WebSocket framing included. */
export class CountingProxy {
  bytes = 0
  private readonly server: net.Server
  private readonly sockets = new Set<net.Socket>()

  private constructor(targetPort: number) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1')
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('data', (chunk: Buffer) => (this.bytes += chunk.length))
        socket.on('close', () => this.sockets.delete(socket))
        // A phone that leaves resets its connection; the relay just closes the other side.
        socket.on('error', () => (socket === client ? upstream : client).destroy())
      }
      client.pipe(upstream).pipe(client)
    })
  }

  static async start(targetPort: number): Promise<{ proxy: CountingProxy; port: number }> {
    const proxy = new CountingProxy(targetPort)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return { proxy, port: (proxy.server.address() as net.AddressInfo).port }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
