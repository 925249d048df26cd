import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const made: string[] = []

/** A fresh directory in the system's temp dir; it is removed after the test file that made it. */
export function makeTempDir(purpose: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ideenschmiede-${purpose}-`))
  made.push(dir)
  return dir
}

/** Every data directory holds an 8 MiB journal: a test run would otherwise leave gigabytes behind. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}
