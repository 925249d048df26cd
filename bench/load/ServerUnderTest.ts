import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildServer, isServerBuildStale, SERVER_BUNDLE, SERVER_NODE_FLAGS } from '../../scripts/serverBuild.ts'
import { collectGarbage, findInspectorUrl, type HeapAfterGc } from '../inspector.ts'
import { newAdminToken, OursApi } from '../oursApi.ts'
import { freePort, readRssKiB, sleep } from '../procStats.ts'
import { trackChild } from '../servers.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
/**
 * /healthz is polled this often while the server starts: kill → healthy is
 * one of the figures, and the tests' 50 ms poll would round it up by as much.
 */
const HEALTH_POLL_MS = 5
const START_TIMEOUT_MS = 30_000

export interface Board {
  id: string
  /** The sync URL a stock provider builds from these: `${wsBase}/${id}?token=…`. */
  url: string
}

/**
 * Our server as production runs it (`node dist/server.mjs`, own DATA_DIR
 * and SQLite file), kept on one port and data directory across restarts so
 * clients reconnect to the same address and the same stored boards.
 * bench/servers.ts starts a server once; these scenarios kill and restart it.
 */
export class ServerUnderTest {
  private child: ChildProcess | null = null
  private output = ''
  private api: OursApi | null = null
  private eventId: string | null = null
  token = ''

  private inspectorUrl: string | null = null

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly adminToken: string,
    private readonly inspect: boolean,
  ) {}

  /** `inspect`: with the inspector on loopback, so heapAfterGc() can force a full collection. */
  static async start(options: { inspect?: boolean } = {}): Promise<ServerUnderTest> {
    if (isServerBuildStale() && !(await buildServer())) throw new Error('building the server failed (see esbuild output above)')
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ideenschmiede-load-'))
    const server = new ServerUnderTest(await freePort(), dataDir, newAdminToken(), options.inspect ?? false)
    await server.spawn()
    server.api = new OursApi(server.httpUrl, server.adminToken)
    server.eventId = await server.api.createEvent('Lastmessung')
    server.token = await server.api.createParticipantToken(server.eventId)
    return server
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The base URL y-websocket's provider takes; it appends `/<board>?token=`. */
  get wsBase(): string {
    return `ws://127.0.0.1:${this.port}/yjs`
  }

  get pid(): number {
    const pid = this.child?.pid
    if (pid === undefined || this.child?.exitCode !== null) throw new Error('the server is not running')
    return pid
  }

  async createBoards(count: number, label: string): Promise<Board[]> {
    const { api, eventId } = this
    if (!api || !eventId) throw new Error('the server has no event yet')
    const boards: Board[] = []
    for (let n = 0; n < count; n++) {
      const id = await api.createBoard(eventId, `${label} ${n}`)
      boards.push({ id, url: `${this.wsBase}/${id}?token=${encodeURIComponent(this.token)}` })
    }
    return boards
  }

  /** A gauge or counter from /metrics, e.g. `sync_connections`; null when the server does not report it. */
  async metric(name: string): Promise<number | null> {
    if (!this.api) throw new Error('the server has no API client yet')
    const match = new RegExp(`^ideenschmiede_${name} (\\S+)$`, 'm').exec(await this.api.metricsText())
    return match?.[1] === undefined ? null : Number(match[1])
  }

  /** Heap in use after a forced full GC: what the server really keeps, which RSS alone cannot tell. */
  heapAfterGc(): Promise<HeapAfterGc> {
    if (!this.inspectorUrl) throw new Error('the server was started without the inspector')
    return collectGarbage(this.inspectorUrl)
  }

  rssKiB(): number {
    return readRssKiB(this.pid)
  }

  openFds(): number {
    return fs.readdirSync(`/proc/${this.pid}/fd`).length
  }

  /** Sends `signal`, waits for the exit, starts again; times from the signal and from the exit until /healthz answers. */
  async restart(signal: 'SIGKILL' | 'SIGTERM'): Promise<{ signalAt: number; exitedAt: number; healthyAt: number }> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error('the server is not running')
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const signalAt = performance.timeOrigin + performance.now()
    child.kill(signal)
    await exited
    const exitedAt = performance.timeOrigin + performance.now()
    const healthyAt = await this.spawn()
    return { signalAt, exitedAt, healthyAt }
  }

  /** SIGTERM, so the server stores its rooms, then removes the data directory. */
  async stop(): Promise<void> {
    const child = this.child
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      child.kill('SIGTERM')
      await exited
      clearTimeout(timer)
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true })
  }

  /** Spawns the bundle and resolves with the wall-clock ms (fractional) at which /healthz first answered ok. */
  private async spawn(): Promise<number> {
    // Port 0: the inspector picks a free port and prints it.
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(this.inspect ? ['--inspect=127.0.0.1:0'] : []), SERVER_BUNDLE], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        ADMIN_TOKEN: this.adminToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    trackChild(child)
    this.child = child
    this.output = ''
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-8_000)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    const deadline = Date.now() + START_TIMEOUT_MS
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited during start:\n${this.output}`)
      if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within ${START_TIMEOUT_MS} ms:\n${this.output}`)
      try {
        const res = await fetch(`${this.httpUrl}/healthz`)
        if (res.ok) {
          const healthyAt = performance.timeOrigin + performance.now()
          this.inspectorUrl = this.inspect ? findInspectorUrl(this.output) : null
          if (this.inspect && !this.inspectorUrl) throw new Error(`the server printed no inspector URL:\n${this.output}`)
          return healthyAt
        }
      } catch {
        // Not listening yet: the poll is how start-up is detected.
      }
      await sleep(HEALTH_POLL_MS)
    }
  }
}
