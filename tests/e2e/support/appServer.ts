import fs from 'node:fs'
import path from 'node:path'
import { buildClient, isClientBuildStale } from '../../../scripts/clientBuild.ts'
import { startTestServer, type TestServer } from '../../support/testServer.ts'

const LOCK_DIR = path.resolve(import.meta.dirname, '../../../dist/.client-build-lock')
const LOCK_STALE_MS = 5 * 60_000

/**
 * Builds the client when its sources changed since the last build. Test
 * files run in parallel, so one builds under a lock directory while the
 * others wait for it.
 */
export async function ensureClientBuilt(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR)
      break
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
      const lockedAt = fs.statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs ?? 0
      if (Date.now() - lockedAt > LOCK_STALE_MS) fs.rmSync(LOCK_DIR, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  try {
    if (isClientBuildStale() && !buildClient()) throw new Error('building the client failed (see vite output above)')
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true })
  }
}

/** The real server with the built client, in this process, on a free loopback port. */
export async function startAppServer(): Promise<TestServer> {
  await ensureClientBuilt()
  return startTestServer()
}
