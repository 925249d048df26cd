import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { ReconnectSchedule } from '../../client/src/collab/reconnectDelay.ts'
import { NoteMap } from './noteMap.ts'
import { until } from './until.ts'

export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** The board's notes by key, as real tldraw note records. */
  records: NoteMap
  destroy(): void
}

/** A stock y-websocket client, as a browser would use it, with BroadcastChannel off so only the server connects peers. */
export function connectBoard(wsUrl: string, boardId: string, token: string, socketClass: unknown = WebSocket): BoardClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: socketClass as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  return {
    doc,
    provider,
    records: new NoteMap(doc),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export async function connectSynced(wsUrl: string, boardId: string, token: string): Promise<BoardClient> {
  const client = connectBoard(wsUrl, boardId, token)
  await until(() => client.provider.synced, `client of ${boardId} to sync`)
  return client
}

/** A stock provider that reconnects on the board page's schedule (BoardConnection), recording close codes and its last sync. */
export function connectLikeBoardPage(wsUrl: string, boardId: string, token: string): BoardClient & { closes: number[]; syncedAt: () => number } {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
    shouldReconnect: () => false,
  })
  const schedule = new ReconnectSchedule()
  const closes: number[] = []
  let syncedAt = 0
  let retry: NodeJS.Timeout | null = null
  provider.on('connection-close', (event) => {
    provider.shouldConnect = false
    closes.push(event?.code ?? 0)
    retry = setTimeout(() => provider.connect(), schedule.delayAfterClose(event?.code ?? null))
  })
  provider.on('sync', (synced) => {
    if (!synced) return
    schedule.synced()
    syncedAt = Date.now()
  })
  return {
    doc,
    provider,
    records: new NoteMap(doc),
    closes,
    syncedAt: () => syncedAt,
    destroy: () => {
      if (retry) clearTimeout(retry)
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Every frame a socket received, as bytes, so a test can scan them for what must never arrive. */
export interface ReceivedFrames {
  frames: Uint8Array[]
  contain(text: string): boolean
}

/** A stock client whose socket keeps every frame it receives. */
export function connectRecording(wsUrl: string, room: string, token: string): BoardClient & ReceivedFrames {
  const frames: Uint8Array[] = []
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols)
      this.on('message', (data: Buffer | ArrayBuffer) => frames.push(new Uint8Array(data instanceof ArrayBuffer ? data : Buffer.from(data))))
    }
  }
  return {
    ...connectBoard(wsUrl, room, token, RecordingWebSocket),
    frames,
    contain: (text) => frames.some((frame) => Buffer.from(frame).includes(text)),
  }
}
