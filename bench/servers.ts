import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { collectGarbage, findInspectorUrl, type HeapAfterGc } from './inspector.ts'
import { newAdminToken, OursApi } from './oursApi.ts'
import { buildServer, isServerBuildStale, SERVER_BUNDLE, SERVER_NODE_FLAGS } from '../scripts/serverBuild.ts'
import { freePort, until } from './procStats.ts'
import { Y_WEBSOCKET, type WireFraming } from './wireFraming.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const REFERENCE_ENTRY = path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js')
const HOCUSPOCUS_ENTRY = path.join(import.meta.dirname, 'peers/hocuspocusServer.mjs')
const START_TIMEOUT_MS = 30_000
const PROFILE_WRITE_TIMEOUT_MS = 20_000
/**
 * --cpu-prof writes its file only on a normal exit. Neither server exits on
 * SIGTERM at once (the reference has no handler, ours first stores its rooms),
 * so a profiled server gets this handler ahead of its own code.
 */
const EXIT_ON_SIGTERM = `data:text/javascript,process.on('SIGTERM',()=>process.exit(0))`

export interface ServerOptions {
  inspect: boolean
  /** Write V8 CPU profiles of the server's whole life into this directory. */
  profileDir?: string
}

/**
 * ours; the reference @y/websocket-server in memory (ref); and the durable
 * peers: the reference with y-leveldb (ref-leveldb) and Hocuspocus with its
 * SQLite extension (hocuspocus).
 */
export type ServerKind = 'ours' | 'ref' | 'ref-leveldb' | 'hocuspocus'

export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'ref', 'ref-leveldb', 'hocuspocus']
/** The servers that keep boards across a restart, like ours; the targets are set against the best of them. */
export const DURABLE_PEERS: readonly ServerKind[] = ['ref-leveldb', 'hocuspocus']

export interface Launch {
  entry: string
  env: NodeJS.ProcessEnv
  /** Path of a plain GET and the body that says the server is up. */
  readyPath: string
  isReadyBody(body: string): boolean
}

/** How each server starts, with its data (if any) in `dataDir`. */
function launchOf(kind: ServerKind, dataDir: string, adminToken: string): Launch {
  switch (kind) {
    case 'ours':
      return {
        entry: SERVER_BUNDLE,
        env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_TOKEN: adminToken },
        readyPath: '/healthz',
        isReadyBody: (body) => {
          const parsed: unknown = JSON.parse(body)
          return typeof parsed === 'object' && parsed !== null && 'ok' in parsed && parsed.ok === true
        },
      }
    case 'ref':
      // The reference answers every plain GET with "okay".
      return { entry: REFERENCE_ENTRY, env: {}, readyPath: '/', isReadyBody: (body) => body === 'okay' }
    case 'ref-leveldb':
      // YPERSISTENCE makes the reference bind every document to y-leveldb in that directory (its src/utils.js).
      return { entry: REFERENCE_ENTRY, env: { YPERSISTENCE: dataDir }, readyPath: '/', isReadyBody: (body) => body === 'okay' }
    case 'hocuspocus':
      return {
        entry: HOCUSPOCUS_ENTRY,
        env: { SQLITE_FILE: path.join(dataDir, 'hocuspocus.sqlite') },
        readyPath: '/',
        isReadyBody: (body) => body === 'Welcome to Hocuspocus!',
      }
  }
}

export interface ServerHandle {
  readonly kind: ServerKind
  readonly pid: number
  readonly httpUrl: string
  /** Ours only: the event the bench created, and the API to add to it. */
  readonly event: { id: string; api: OursApi } | null
  /** Ours: boards created through its API; the reference opens any name, so it just gets `<label>-<n>`. */
  createBoards(count: number, label: string): Promise<string[]>
  /** WebSocket URL of a board (ours: with a participant token); the reference names its room after the whole path, which is fine. */
  boardUrl(boardId: string): string
  /** Hocuspocus names the document inside each message, not in the URL. */
  boardFraming(boardId: string): WireFraming
  /** Open rooms as ours reports them on /metrics; null for the others, which have no such figure. */
  roomsOpen(): Promise<number | null>
  /** Full GC and heap size, through the inspector; only for a server started with `inspect`. */
  heapAfterGc(): Promise<HeapAfterGc>
  stop(): Promise<void>
}

/** Every child this process started, so an error or a signal anywhere still kills them all. */
const children = new Set<ChildProcess>()

export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  children.clear()
}

/**
 * Runs a bench's main: every server and load process goes with this one,
 * whichever way it ends (done, failed, SIGINT or SIGTERM).
 */
export function runBenchMain(main: () => Promise<void>): void {
  process.on('exit', killAllChildren)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAllChildren()
      process.exit(130)
    })
  }
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    killAllChildren()
    process.exit(1)
  })
}

export function trackChild(child: ChildProcess): void {
  children.add(child)
  child.once('exit', () => children.delete(child))
}

/** A server process of the bench, up and answering on loopback. */
export interface ReadyProcess {
  readonly pid: number
  readonly port: number
  readonly httpUrl: string
  /** The tail of what it printed. */
  output(): string
  /** SIGKILL; `graceful` sends SIGTERM first, so a profiled server writes its profile. */
  stop(graceful: boolean): Promise<void>
}

/** Spawns `launch.entry` on this node with `nodeArgs`, on a free port, and waits until it answers its ready path. */
export async function spawnUntilReady(name: string, nodeArgs: readonly string[], launch: Launch): Promise<ReadyProcess> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...launch.env }
  const child = spawn(process.execPath, [...nodeArgs, launch.entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  trackChild(child)
  let output = ''
  const keep = (chunk: Buffer): void => {
    // Only the tail matters for an error message; a chatty server must not grow this without bound.
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)

  const httpUrl = `http://127.0.0.1:${port}`
  const isReady = async (): Promise<boolean> => {
    if (child.exitCode !== null) throw new Error(`${name} exited during start:\n${output}`)
    try {
      const res = await fetch(httpUrl + launch.readyPath)
      return res.ok && launch.isReadyBody(await res.text())
    } catch {
      return false
    }
  }
  try {
    await until(isReady, `${name} on port ${port}`, START_TIMEOUT_MS)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  if (child.pid === undefined) throw new Error(`${name} has no pid`)
  return {
    pid: child.pid,
    port,
    httpUrl,
    output: () => output,
    stop: async (graceful) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      if (graceful) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), PROFILE_WRITE_TIMEOUT_MS)
        await exited
        clearTimeout(timer)
      } else {
        // A benchmark server holds nothing worth a graceful shutdown; SIGKILL also ends a saturated one at once.
        child.kill('SIGKILL')
        await exited
      }
    },
  }
}

export async function startServer(kind: ServerKind, options: ServerOptions): Promise<ServerHandle> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ideenschmiede-bench-${kind}-`))
  // Port 0: the inspector picks its own free port and prints it; loopback only, like everything here.
  const inspectArgs = options.inspect ? ['--inspect=127.0.0.1:0'] : []
  const profileArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, '--import', EXIT_ON_SIGTERM] : []
  // Ours runs as `npm start` runs it: the built bundle on plain node; the others run their own entries on plain node.
  if (kind === 'ours' && isServerBuildStale() && !(await buildServer())) throw new Error('building the server failed (see esbuild output above)')
  const adminToken = newAdminToken()
  const launch = launchOf(kind, dataDir, adminToken)
  const server = await spawnUntilReady(`the ${kind} server`, [...(kind === 'ours' ? SERVER_NODE_FLAGS : []), ...inspectArgs, ...profileArgs], launch)
  const { port, httpUrl } = server
  const inspectorUrl = options.inspect ? findInspectorUrl(server.output()) : null
  if (options.inspect && !inspectorUrl) throw new Error(`${kind} server printed no inspector URL:\n${server.output()}`)

  const api = kind === 'ours' ? new OursApi(httpUrl, adminToken) : null
  const eventId = api ? await api.createEvent('Benchmark') : null
  const tokenQuery = api && eventId ? `?token=${encodeURIComponent(await api.createParticipantToken(eventId))}` : ''
  return {
    kind,
    pid: server.pid,
    httpUrl,
    event: api && eventId ? { id: eventId, api } : null,
    createBoards: async (count, label) => {
      const ids: string[] = []
      for (let n = 0; n < count; n++) ids.push(api && eventId ? await api.createBoard(eventId, `${label} ${n}`) : `${label}-${n}`)
      return ids
    },
    boardUrl: (boardId) => `ws://127.0.0.1:${port}/yjs/${boardId}${tokenQuery}`,
    boardFraming: (boardId) => (kind === 'hocuspocus' ? { kind: 'hocuspocus', document: boardId } : Y_WEBSOCKET),
    roomsOpen: async () => (api ? api.roomsOpen() : null),
    heapAfterGc: () => {
      if (!inspectorUrl) throw new Error(`${kind} server was started without the inspector`)
      return collectGarbage(inspectorUrl)
    },
    stop: async () => {
      await server.stop(options.profileDir !== undefined)
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
