import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe } from 'vitest'
import { freePort } from './serverProcess.ts'
import { makeTempDir } from './tempDirs.ts'
import { until } from './until.ts'

export const NGINX_PATH = process.env.NGINX_PATH ?? '/usr/sbin/nginx'
/** The configuration the README gives for two processes, used here as it stands. */
export const NGINX_CONFIG_FILE = path.resolve(import.meta.dirname, '../../deploy/nginx-two-processes.conf')

const nginxPresent = fs.existsSync(NGINX_PATH)

/** `describe` for tests behind nginx: skipped loudly without it, and failing in CI (CI=true), where they are required. */
export function describeWithNginx(name: string, body: () => void): void {
  if (nginxPresent) {
    describe(name, body)
    return
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`Tests behind nginx are required in CI, but there is no nginx at ${NGINX_PATH} (apt-get install -y nginx-light).`)
    })
    return
  }
  process.stderr.write(`\n  !!! SKIPPED tests behind nginx "${name}": no nginx at ${NGINX_PATH} (apt-get install -y nginx-light).\n\n`)
  describe.skip(name, body)
}

export interface RunningNginx {
  url: string
  stop(): Promise<void>
}

/** The README's site configuration with this test's ports in place of 80, 3001 and 3002. */
export function siteConfig(listenPort: number, upstreamPorts: readonly number[]): string {
  const shipped = fs.readFileSync(NGINX_CONFIG_FILE, 'utf8')
  const servers = shipped.match(/^ {4}server 127\.0\.0\.1:\d+ .*;$/gm) ?? []
  if (servers.length !== 2) throw new Error(`expected two upstream servers in ${NGINX_CONFIG_FILE}`)
  const options = servers[0]!.replace(/^ {4}server 127\.0\.0\.1:\d+/, '')
  const upstream = upstreamPorts.map((port) => `    server 127.0.0.1:${port}${options}`).join('\n')
  return shipped
    .replace(servers.join('\n'), upstream)
    .replace(/^ {4}listen 80;$/m, `    listen 127.0.0.1:${listenPort};`)
}

/** Debian's nginx in the foreground, with everything it writes in a temporary directory. */
export async function startNginx(upstreamPorts: readonly number[]): Promise<RunningNginx> {
  const prefix = makeTempDir('nginx-')
  const port = await freePort()
  fs.writeFileSync(path.join(prefix, 'site.conf'), siteConfig(port, upstreamPorts))
  const runAsRoot = process.getuid?.() === 0 ? 'user root;\n' : ''
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `${runAsRoot}worker_processes 1;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log warn;\nevents { worker_connections 1024; }\n` +
      `http {\n  access_log off;\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;\n  include ${prefix}/site.conf;\n}\n`,
  )
  const child: ChildProcess = spawn(NGINX_PATH, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  let answering = false
  const poll = setInterval(() => {
    fetch(`${url}/healthz`).then(
      (res) => (answering = res.ok),
      () => undefined,
    )
  }, 50)
  try {
    await until(() => answering || child.exitCode !== null, 'nginx to answer', 15_000)
  } finally {
    clearInterval(poll)
  }
  if (!answering) throw new Error(`nginx did not start:\n${output}${readIfThere(path.join(prefix, 'error.log'))}`)
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

function readIfThere(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
}
