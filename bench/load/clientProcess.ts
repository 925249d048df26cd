/*
 * A load process, driven by bench/load/ClientPool.ts over IPC: raw
 * connections for latency and presence load, stock providers that
 * reconnect like the board page, or a hostile sender. Load lives outside
 * the main process so 2,000 sockets measure the server, not one event loop.
 */
import { serveRequests } from '../childProcessRpc.ts'
import { attack } from './attacker.ts'
import type { ClientRequestMessage, ClientRequests, ClientResults } from './clientProtocol.ts'
import { PageClients } from './pageClients.ts'
import { RawClients } from './rawClients.ts'

// Every stock provider adds a process 'exit' listener of its own; a hundred of them here are expected, not a leak.
process.setMaxListeners(0)
const raw = new RawClients()
const pages = new PageClients()

async function handle(request: ClientRequestMessage): Promise<ClientResults[typeof request.cmd]> {
  switch (request.cmd) {
    case 'openRaw':
      return raw.open(request.args.clients)
    case 'rates':
      raw.setRates(request.args.writeHz, request.args.awarenessHz)
      return null
    case 'measureStart':
      raw.measureStart()
      return null
    case 'measureStop':
      return raw.measureStop()
    case 'closeRaw':
      await raw.close()
      return null
    case 'openPages':
      await pages.open(request.args.clients)
      return null
    case 'pagesWrite':
      pages.write(request.args.hz)
      return null
    case 'pagesState':
      return pages.state(request.args.withKeys)
    case 'pagesResynced':
      return pages.resynced(request.args.after, request.args.minNotes, request.args.timeoutMs)
    case 'closePages':
      pages.close()
      return null
    case 'attack':
      return attack(request.args.url, request.args.frames, request.args.concurrency, request.args.foreignIds)
  }
}

serveRequests<ClientRequests, ClientResults>(handle)
