import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { buildServer, isServerBuildStale, SERVER_BUNDLE, SERVER_NODE_FLAGS } from '../../scripts/serverBuild.ts'
import { underBuildLock } from './buildLock.ts'
import { until } from './until.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** The test run's environment minus DATABASE_URL: a server process uses PostgreSQL only when its test passes one. */
// DATABASE_URL and REDIS_URL in the test environment name the services for scale-out tests; a server process uses them only when its test says so.
const { DATABASE_URL: _noDatabase, REDIS_URL: _noRedis, ...INHERITED_ENV } = process.env

export interface ServerProcess {
  child: ChildProcess
  port: number
  httpUrl: string
  wsUrl: string
  output: () => string
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** The server bundle `npm start` runs, rebuilt when its sources changed. */
async function ensureServerBuilt(): Promise<void> {
  await underBuildLock('server', async () => {
    if (isServerBuildStale() && !(await buildServer())) throw new Error('building the server failed (see esbuild output above)')
  })
}

/** The server as `npm start` runs it (minus the client build), in its own process so a test can kill it. */
export async function startServerProcess(env: Record<string, string>, fixedPort?: number): Promise<ServerProcess> {
  await ensureServerBuilt()
  const port = fixedPort ?? (await freePort())
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...INHERITED_ENV, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const httpUrl = `http://127.0.0.1:${port}`
  let healthy = false
  const poll = setInterval(() => {
    fetch(`${httpUrl}/healthz`).then(
      (res) => (healthy = res.ok),
      () => undefined,
    )
  }, 50)
  try {
    await until(() => healthy || child.exitCode !== null, 'the server process to answer /healthz', 60_000)
  } finally {
    clearInterval(poll)
  }
  if (!healthy) throw new Error(`server process exited early:\n${output}`)
  return { child, port, httpUrl, wsUrl: `ws://127.0.0.1:${port}/yjs`, output: () => output }
}

/** Runs the server entry and returns its exit code and output, for configuration errors. */
export async function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  await ensureServerBuilt()
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...INHERITED_ENV, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

export function killHard(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve())
    server.child.kill('SIGKILL')
  })
}
