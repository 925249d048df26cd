import { useEffect, useRef, useState } from 'react'
import { openBoard, type OpenBoard, type OpenBoardOptions } from './openBoard.ts'

export type OpenBoardState = { status: 'loading' } | { status: 'ready'; board: OpenBoard } | { status: 'error'; error: Error }

/** Opens the board for as long as the component is mounted; a board switch closes the old one first. */
export function useOpenBoard(options: OpenBoardOptions): OpenBoardState {
  const [state, setState] = useState<OpenBoardState>({ status: 'loading' })
  const { boardId, token, assets, user } = options
  // Only read when a board is first created; switching the language must not reopen the board.
  const firstPageName = useRef(options.firstPageName)
  firstPageName.current = options.firstPageName

  useEffect(() => {
    let cancelled = false
    let opened: OpenBoard | null = null
    setState({ status: 'loading' })
    openBoard({ boardId, token, assets, user, firstPageName: firstPageName.current }).then(
      (board) => {
        if (cancelled) {
          board.destroy()
          return
        }
        opened = board
        setState({ status: 'ready', board })
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
