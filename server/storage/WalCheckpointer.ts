import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger.ts'

/**
 * The worker holds its own connection and checkpoints the WAL into the
 * database file. CommonJS source evaluated as a worker, so the bundled
 * server needs no separate worker file; the driver's path comes from the
 * main thread, which knows where node_modules is.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.file)
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage(String(error && error.message ? error.message : error))
  }
}, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/** A commit lets the WAL grow this many pages (~40 MB) before it checkpoints inline, should the worker fall behind. */
export const INLINE_CHECKPOINT_PAGES = 10_000

export interface WalCheckpointer {
  stop(): Promise<void>
}

/**
 * Checkpoints off the event loop. SQLite otherwise checkpoints inside the
 * commit that fills the WAL to 1,000 pages — copying pages and, with
 * synchronous=NORMAL, an fsync — and that commit is on the path from an
 * update to its relay, so every few seconds one tick of a busy server
 * stalls. A PASSIVE checkpoint from another connection never blocks the
 * writer; the writer just wraps the WAL around once it is copied. Every
 * five seconds, not every second: pages rewritten in between (the log's
 * last page, its index) are copied and synced once.
 */
export function startWalCheckpointer(file: string, logger: Logger, intervalMs = 5_000): WalCheckpointer {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driverPath, intervalMs } })
  worker.unref()
  worker.on('message', (problem: string) => logger.warn({ problem }, 'WAL checkpoint failed; commits checkpoint inline until it works again'))
  worker.on('error', (error) => logger.error({ err: error }, 'WAL checkpoint worker stopped; commits checkpoint inline'))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stop: async () => {
      worker.postMessage('stop')
      await exited
    },
  }
}
