import fs from 'node:fs'
import net from 'node:net'

/** /proc/stat counts in clock ticks; USER_HZ is 100 on every kernel we run on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_SECOND = 100

/**
 * CPU time a process's threads have used so far, in µs, from the scheduler's
 * nanosecond counters (/proc/<pid>/task/<tid>/schedstat). utime/stime in
 * /proc/<pid>/stat come in 10 ms ticks, which is ±6% of a 5-second window of
 * a light scenario. Time of a thread that exits goes with it; the processes
 * measured here keep their threads (V8's and libuv's pools, our one worker).
 */
export function readCpuMicros(pid: number): number {
  let nanos = 0
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    let line: string
    try {
      line = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
    } catch {
      // The thread ended between listing and reading: it has nothing left to count.
      continue
    }
    const onCpu = Number(line.split(' ', 1)[0])
    if (!Number.isFinite(onCpu)) throw new Error(`cannot parse /proc/${pid}/task/${tid}/schedstat`)
    nanos += onCpu
  }
  return nanos / 1_000
}

/**
 * Busy CPU time of the whole machine (all cores), in µs. Others share this box;
 * busy time not spent by the server or the generator shows how noisy a window was.
 */
export function readMachineBusyMicros(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
  // cpu  user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>((sum, ticks) => sum + (ticks ?? 0), 0)
  return (busy * 1_000_000) / CLOCK_TICKS_PER_SECOND
}

/** Resident set size in KiB, as the kernel accounts it (VmRSS). */
export function readRssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(match[1])
}

/** A port the kernel just handed out on loopback; another process could take it first, which start-up detects. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Monotonic time in µs. CLOCK_MONOTONIC is one clock for the whole machine, so a
 * send time stamped in one load process can be compared with a receive time in another.
 */
export function nowMicros(): number {
  const [seconds, nanos] = process.hrtime()
  return seconds * 1_000_000 + nanos / 1_000
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls a condition instead of sleeping a fixed time; throws with `what` on timeout. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(20)
  }
}

/**
 * Other engineers share this box. Waits, bounded, until the machine has been
 * nearly idle for half a second; returns the busy cores last seen so the
 * caller can say it measured on a busy box.
 */
export async function waitForQuietMachine(maxWaitMs: number, busyLimitCores: number): Promise<number> {
  const deadline = Date.now() + maxWaitMs
  for (;;) {
    const busyStart = readMachineBusyMicros()
    const start = nowMicros()
    await sleep(500)
    const cores = (readMachineBusyMicros() - busyStart) / (nowMicros() - start)
    if (cores <= busyLimitCores || Date.now() >= deadline) return cores
  }
}

/** CPU µs so far of every process whose name (comm) is one of `names`, by pid: PostgreSQL's backends, redis-server. */
export function readCpuMicrosByName(names: readonly string[]): Map<number, number> {
  const cpu = new Map<number, number>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (!names.includes(fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) continue
      cpu.set(Number(entry), readCpuMicros(Number(entry)))
    } catch {
      // The process ended while we looked: nothing left to count.
    }
  }
  return cpu
}

/** CPU used since `before` by the processes in it that still run; one that ended took its time with it. */
export function cpuMicrosSince(before: ReadonlyMap<number, number>): number {
  let micros = 0
  for (const [pid, start] of before) {
    try {
      micros += readCpuMicros(pid) - start
    } catch {
      // Ended within the window; counting it would need its last reading.
    }
  }
  return micros
}
