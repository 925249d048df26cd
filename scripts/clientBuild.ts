/**
 * Whether dist/client is older than the sources it is built from, and how
 * to rebuild it. Shared by `npm start` and the end-to-end tests, so both
 * run the client that matches the code.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { isOlderThanSources, ROOT } from './buildFreshness.ts'
import { precompressDirectory } from './precompress.ts'

export function isClientBuildStale(): boolean {
  return isOlderThanSources('dist/client/index.html', ['client', 'shared', 'vite.config.ts', 'package-lock.json', 'scripts/precompress.ts'])
}

/** Runs `vite build` and precompresses its output; returns false (after printing vite's output) when the build fails. */
export function buildClient(): boolean {
  // Under vitest NODE_ENV is "test", which would make Vite bundle React's development build and put tldraw in test mode.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (build.status !== 0) return false
  precompressDirectory(path.join(ROOT, 'dist/client'))
  return true
}
