import { fork, type ChildProcess } from 'node:child_process'
import { readCpuMicros } from './procStats.ts'
import { trackChild } from './servers.ts'

/** A request to a load process: the command names its arguments' type. */
export type RequestMessage<Requests> = {
  [C in keyof Requests]: { id: number; cmd: C; args: Requests[C] }
}[keyof Requests]

export type ResponseMessage<Results> = { id: number; ok: true; result: Results[keyof Results] } | { id: number; ok: false; error: string }

interface Pending {
  resolve: (result: unknown) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/**
 * Load generator processes answering typed requests over IPC; child
 * processes rather than worker threads, so each one's CPU can be read per
 * pid and a saturated generator shows. bench/loadPool.ts and
 * bench/load/ClientPool.ts each drive their own kind.
 */
export class ChildProcessRpc<Requests, Results extends Record<keyof Requests, unknown>> {
  readonly processes: ChildProcess[] = []
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  constructor(entry: URL, size: number, private readonly timeoutMs: number) {
    for (let index = 0; index < size; index++) {
      const child = fork(entry, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      trackChild(child)
      child.on('message', (message: ResponseMessage<Results>) => this.handleResponse(message))
      child.on('exit', (code, signal) => {
        for (const [id, pending] of this.pending) {
          clearTimeout(pending.timer)
          pending.reject(new Error(`load process exited (${code ?? signal}) with request ${id} open`))
        }
        this.pending.clear()
      })
      this.processes.push(child)
    }
  }

  get size(): number {
    return this.processes.length
  }

  /** CPU µs so far of every load process. */
  childCpuMicros(): number {
    let total = 0
    for (const child of this.processes) {
      if (child.pid !== undefined && child.exitCode === null) total += readCpuMicros(child.pid)
    }
    return total
  }

  request<C extends keyof Requests>(index: number, cmd: C, args: Requests[C], timeoutMs = this.timeoutMs): Promise<Results[C]> {
    const child = this.processes[index]
    if (!child) throw new Error(`no load process ${index}`)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`load process ${index} did not answer ${String(cmd)} within ${timeoutMs} ms`))
      }, timeoutMs)
      // The result type follows from `cmd`, which the load process switches on.
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, timer })
      child.send({ id, cmd, args })
    })
  }

  broadcast<C extends keyof Requests>(cmd: C, args: Requests[C]): Promise<Array<Results[C]>> {
    return Promise.all(this.processes.map((_, index) => this.request(index, cmd, args)))
  }

  close(): void {
    for (const child of this.processes) if (child.connected) child.disconnect()
  }

  private handleResponse(message: ResponseMessage<Results>): void {
    const pending = this.pending.get(message.id)
    if (!pending) return
    this.pending.delete(message.id)
    clearTimeout(pending.timer)
    if (message.ok) pending.resolve(message.result)
    else pending.reject(new Error(`load process failed: ${message.error}`))
  }
}

/** The load process's side: answers each request with `handle`'s result or its error, and exits with its pool. */
export function serveRequests<Requests, Results>(handle: (request: RequestMessage<Requests>) => Promise<Results[keyof Results]>): void {
  process.on('message', (request: RequestMessage<Requests>) => {
    const reply = (message: ResponseMessage<Results>): void => void process.send?.(message)
    handle(request).then(
      (result) => reply({ id: request.id, ok: true, result }),
      (error: unknown) => reply({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
  })
  // The pool owns this process; without it there is nothing left to do.
  process.on('disconnect', () => process.exit(0))
}
