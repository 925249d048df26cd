/**
 * Whether dist/client is older than the sources it is built from, and how
 * to rebuild it. Shared by `npm start` and the end-to-end tests, so both
 * run the client that matches the code.
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

export function isClientBuildStale(): boolean {
  const builtAt = fs.statSync(builtIndex, { throwIfNoEntry: false })?.mtimeMs ?? 0
  const sourcesAt = Math.max(...sources.map((entry) => newestMtimeMs(path.join(root, entry))))
  return sourcesAt > builtAt
}

/** Runs `vite build`; returns false (after printing vite's output) when it fails. */
export function buildClient(): boolean {
  // Under vitest NODE_ENV is "test", which would make Vite bundle React's development build and put tldraw in test mode.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  return build.status === 0
}
