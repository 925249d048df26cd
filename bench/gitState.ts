import { execFileSync } from 'node:child_process'
import os from 'node:os'

/** The commit measured, and whether the server's code differed from it: others edit the server in shared checkouts. */
export function gitState(): { commit: string | null; serverDirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
    // A dirty tree means the figures are for uncommitted code.
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'server', 'shared'], {
      encoding: 'utf8',
    })
    return { commit, serverDirty: status.trim() !== '' }
  } catch (error) {
    process.stderr.write(`git state unavailable: ${String(error)}\n`)
    return { commit: null, serverDirty: null }
  }
}

/** What a bench's JSON says of its run: when, how long, which code on which node and machine. */
export function runInfo(startedAt: Date, quick: boolean) {
  return {
    startedAt: startedAt.toISOString(),
    durationSec: Math.round((Date.now() - startedAt.getTime()) / 1_000),
    mode: quick ? 'quick' : 'full',
    git: gitState(),
    node: process.version,
    cpus: os.cpus().length,
  }
}
