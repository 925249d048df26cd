import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { until } from './until.ts'

export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: Y.Map<string>
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
    records: doc.getMap<string>('records'),
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
