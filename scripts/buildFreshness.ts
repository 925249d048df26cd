import fs from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..')

function newestMtimeMs(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtimeMs(path.join(entry, child)))
  return newest
}

/** Whether `output` (relative to the repository) is missing or older than any of `sources`. */
export function isOlderThanSources(output: string, sources: readonly string[]): boolean {
  const builtAt = fs.statSync(path.join(ROOT, output), { throwIfNoEntry: false })?.mtimeMs ?? 0
  const sourcesAt = Math.max(...sources.map((entry) => newestMtimeMs(path.join(ROOT, entry))))
  return sourcesAt > builtAt
}
