import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { collectGarbage, findInspectorUrl, type HeapAfterGc } from './inspector.ts'
import { newAdminToken, OursApi } from './oursApi.ts'
import { buildServer, isServerBuildStale, SERVER_BUNDLE } from '../scripts/serverBuild.ts'
import { freePort, until } from './procStats.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const REFERENCE_ENTRY = path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js')
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

export type ServerKind = 'ours' | 'ref'

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
  /** Open rooms as ours reports them on /metrics; null for the reference, which has no such figure. */
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

export function trackChild(child: ChildProcess): void {
  children.add(child)
  child.once('exit', () => children.delete(child))
}

export async function startServer(kind: ServerKind, options: ServerOptions): Promise<ServerHandle> {
  const port = await freePort()
  const dataDir = kind === 'ours' ? fs.mkdtempSync(path.join(os.tmpdir(), 'ideenschmiede-bench-')) : null
  // Port 0: the inspector picks its own free port and prints it; loopback only, like everything here.
  const inspectArgs = options.inspect ? ['--inspect=127.0.0.1:0'] : []
  const profileArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, '--import', EXIT_ON_SIGTERM] : []
  // Ours runs as `npm start` runs it: the built bundle on plain node.
  if (kind === 'ours' && isServerBuildStale() && !(await buildServer())) throw new Error('building the server failed (see esbuild output above)')
  const args = [...inspectArgs, ...profileArgs, kind === 'ours' ? SERVER_BUNDLE : REFERENCE_ENTRY]
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) }
  const adminToken = newAdminToken()
  if (dataDir) Object.assign(env, { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ADMIN_TOKEN: adminToken })
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  trackChild(child)
  let output = ''
  const keep = (chunk: Buffer): void => {
    // Only the tail matters for an error message; a chatty server must not grow this without bound.
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)

  const httpUrl = `http://127.0.0.1:${port}`
  // Ours answers /healthz with {ok:true}; the reference answers every plain GET with "okay".
  const readyPath = kind === 'ours' ? '/healthz' : '/'
  const isReady = async (): Promise<boolean> => {
    if (child.exitCode !== null) throw new Error(`${kind} server exited during start:\n${output}`)
    try {
      const res = await fetch(httpUrl + readyPath)
      if (!res.ok) return false
      if (kind === 'ref') return (await res.text()) === 'okay'
      const body: unknown = await res.json()
      return typeof body === 'object' && body !== null && 'ok' in body && body.ok === true
    } catch {
      return false
    }
  }
  try {
    await until(isReady, `the ${kind} server on port ${port}`, START_TIMEOUT_MS)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  if (child.pid === undefined) throw new Error(`${kind} server has no pid`)
  const inspectorUrl = options.inspect ? findInspectorUrl(output) : null
  if (options.inspect && !inspectorUrl) throw new Error(`${kind} server printed no inspector URL:\n${output}`)

  const api = kind === 'ours' ? new OursApi(httpUrl, adminToken) : null
  const eventId = api ? await api.createEvent('Benchmark') : null
  const tokenQuery = api && eventId ? `?token=${encodeURIComponent(await api.createParticipantToken(eventId))}` : ''
  return {
    kind,
    pid: child.pid,
    httpUrl,
    event: api && eventId ? { id: eventId, api } : null,
    createBoards: async (count, label) => {
      const ids: string[] = []
      for (let n = 0; n < count; n++) ids.push(api && eventId ? await api.createBoard(eventId, `${label} ${n}`) : `${label}-${n}`)
      return ids
    },
    boardUrl: (boardId) => `ws://127.0.0.1:${port}/yjs/${boardId}${tokenQuery}`,
    roomsOpen: async () => (api ? api.roomsOpen() : null),
    heapAfterGc: () => {
      if (!inspectorUrl) throw new Error(`${kind} server was started without the inspector`)
      return collectGarbage(inspectorUrl)
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        if (options.profileDir) {
          child.kill('SIGTERM')
          const timer = setTimeout(() => child.kill('SIGKILL'), PROFILE_WRITE_TIMEOUT_MS)
          await exited
          clearTimeout(timer)
        } else {
          // A benchmark server holds nothing worth a graceful shutdown; SIGKILL also ends a saturated one at once.
          child.kill('SIGKILL')
          await exited
        }
      }
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
