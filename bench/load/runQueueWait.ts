import fs from 'node:fs'

/**
 * How long a process's main thread (where node runs JavaScript) has waited,
 * runnable, for a CPU, in µs: the second field of /proc/<pid>/schedstat.
 * On a box others share, this tells a server that was slow from one that
 * was not let run.
 */
export function readRunQueueWaitMicros(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ')
  const waitNanos = Number(fields[1])
  if (!Number.isFinite(waitNanos)) throw new Error(`cannot parse /proc/${pid}/schedstat`)
  return waitNanos / 1_000
}
