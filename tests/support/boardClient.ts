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
export function connectBoard(wsUrl: string, boardId: string, token: string): BoardClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
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
