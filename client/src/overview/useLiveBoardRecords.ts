import { useEffect, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { readBoardRecords } from '../../../shared/boardDocument.ts'

/** Redraws at most this often, however fast a group draws. */
const REFRESH_MS = 500

/**
 * A board's records, live, for a thumbnail: a plain read-only connection
 * (no offline copy, no presence — the overview must not show up as a cursor).
 */
export function useLiveBoardRecords(boardId: string, token: string | null): unknown[] {
  const [records, setRecords] = useState<unknown[]>([])
  useEffect(() => {
    const doc = new Y.Doc()
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    const provider = new WebsocketProvider(`${scheme}://${window.location.host}/yjs`, boardId, doc, {
      params: token ? { token } : {},
      disableBc: true,
    })
    provider.awareness.setLocalState(null)
    let timer: ReturnType<typeof setTimeout> | null = null
    const refresh = () => {
      if (timer) return
      timer = setTimeout(() => {
        timer = null
        setRecords(Array.from(readBoardRecords(doc).values()))
      }, REFRESH_MS)
    }
    doc.on('update', refresh)
    return () => {
      if (timer) clearTimeout(timer)
      doc.off('update', refresh)
      provider.destroy()
      doc.destroy()
    }
  }, [boardId, token])
  return records
}
