/**
 * Whether dist/client is older than the sources it is built from, and how
 * to rebuild it. Shared by `npm start` and the end-to-end tests, so both
 * run the client that matches the code.
 */
import { spawnSync } from 'node:child_process'
import { isOlderThanSources, ROOT } from './buildFreshness.ts'

export function isClientBuildStale(): boolean {
  return isOlderThanSources('dist/client/index.html', ['client', 'shared', 'vite.config.ts', 'package-lock.json'])
}

/** Runs `vite build`; returns false (after printing vite's output) when it fails. */
export function buildClient(): boolean {
  // Under vitest NODE_ENV is "test", which would make Vite bundle React's development build and put tldraw in test mode.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  return build.status === 0
}
