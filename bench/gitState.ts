import { execFileSync } from 'node:child_process'

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
