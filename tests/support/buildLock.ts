import fs from 'node:fs'
import path from 'node:path'

const DIST = path.resolve(import.meta.dirname, '../../dist')
const LOCK_STALE_MS = 5 * 60_000

/**
 * Runs `build` under a lock directory in dist/: test files run in
 * parallel, so one builds while the others wait for it and then find the
 * build current.
 */
export async function underBuildLock(name: string, build: () => void | Promise<void>): Promise<void> {
  const lock = path.join(DIST, `.${name}-build-lock`)
  fs.mkdirSync(DIST, { recursive: true })
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
      const lockedAt = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0
      if (Date.now() - lockedAt > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  try {
    await build()
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}
