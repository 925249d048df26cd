import { WebSocket } from 'ws'

const INSPECTOR_TIMEOUT_MS = 30_000

/** The DevTools URL node prints to stderr when started with --inspect=127.0.0.1:0. */
export function findInspectorUrl(output: string): string | null {
  return /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(output)?.[1] ?? null
}

export interface HeapAfterGc {
  usedMiB: number
  totalMiB: number
}

/**
 * Forces a full GC in the server through the inspector and reads its heap.
 * RSS alone cannot tell a retained board from heap V8 keeps reserved after a
 * peak, and neither server has a hook of its own to ask for a collection.
 */
export function collectGarbage(inspectorUrl: string): Promise<HeapAfterGc> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(inspectorUrl, { perMessageDeflate: false })
    const timer = setTimeout(() => {
      ws.terminate()
      reject(new Error('inspector did not answer'))
    }, INSPECTOR_TIMEOUT_MS)
    let nextId = 1
    const waiting = new Map<number, (result: unknown) => void>()
    const call = (method: string): Promise<unknown> =>
      new Promise((done) => {
        const id = nextId++
        waiting.set(id, done)
        ws.send(JSON.stringify({ id, method }))
      })
    ws.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    ws.on('message', (data) => {
      const message: unknown = JSON.parse(String(data))
      if (typeof message !== 'object' || message === null || !('id' in message) || typeof message.id !== 'number') return
      waiting.get(message.id)?.('result' in message ? message.result : null)
      waiting.delete(message.id)
    })
    ws.on('open', () => {
      void (async () => {
        // Two rounds: the first may only queue finalizers that free more on the second.
        await call('HeapProfiler.collectGarbage')
        await call('HeapProfiler.collectGarbage')
        const usage = await call('Runtime.getHeapUsage')
        clearTimeout(timer)
        ws.close()
        if (typeof usage !== 'object' || usage === null || !('usedSize' in usage) || !('totalSize' in usage)) {
          reject(new Error('unexpected Runtime.getHeapUsage answer'))
          return
        }
        resolve({ usedMiB: Number(usage.usedSize) / 1_048_576, totalMiB: Number(usage.totalSize) / 1_048_576 })
      })()
    })
  })
}
