/**
 * `npm start`: builds the client when its sources are newer than the last
 * build, then runs the server in this process's place, so a current build
 * starts in a few seconds.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const builtIndex = path.join(root, 'dist/client/index.html')
const sources = ['client', 'shared', 'vite.config.ts', 'package-lock.json']

function newestMtimeMs(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtimeMs(path.join(entry, child)))
  return newest
}

const builtAt = fs.statSync(builtIndex, { throwIfNoEntry: false })?.mtimeMs ?? 0
const sourcesAt = Math.max(...sources.map((entry) => newestMtimeMs(path.join(root, entry))))
if (sourcesAt > builtAt) {
  process.stdout.write('Building the client (first start or changed sources)…\n')
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

await import('../server/main.ts')
