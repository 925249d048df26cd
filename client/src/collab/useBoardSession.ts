import { useEffect, useRef, useState } from 'react'
import { openBoard, type BoardSession, type OpenBoardOptions } from './openBoard.ts'

export type BoardSessionState = { status: 'loading' } | { status: 'ready'; session: BoardSession } | { status: 'error'; error: Error }

/** Opens the board for as long as the component is mounted; a board switch closes the old one first. */
export function useBoardSession(options: OpenBoardOptions): BoardSessionState {
  const [state, setState] = useState<BoardSessionState>({ status: 'loading' })
  const { boardId, token, assets, user } = options
  // Only read when a board is first created; switching the language must not reopen the board.
  const firstPageName = useRef(options.firstPageName)
  firstPageName.current = options.firstPageName

  useEffect(() => {
    let cancelled = false
    let opened: BoardSession | null = null
    setState({ status: 'loading' })
    openBoard({ boardId, token, assets, user, firstPageName: firstPageName.current }).then(
      (session) => {
        if (cancelled) {
          session.destroy()
          return
        }
        opened = session
        setState({ status: 'ready', session })
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) })
      },
    )
    return () => {
      cancelled = true
      opened?.destroy()
    }
  }, [boardId, token, assets, user])

  return state
}
