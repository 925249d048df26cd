import { useEffect, useReducer } from 'react'
import { cursorVisibility, type PointerKind } from './cursorVisibility.ts'

/** setTimeout may fire a hair early; waking a little late means the fade is decided once, not twice. */
const WAKE_MARGIN_MS = 20

/** Whether a cursor is shown now, re-rendering once when it fades without any new presence. */
export function useCursorShown(lastMovedAt: number, pointer: PointerKind): boolean {
  const [, wake] = useReducer((count: number) => count + 1, 0)
  useEffect(() => {
    const { changesInMs } = cursorVisibility(Date.now(), lastMovedAt, pointer)
    if (changesInMs === null) return
    const timer = setTimeout(wake, changesInMs + WAKE_MARGIN_MS)
    return () => clearTimeout(timer)
  }, [lastMovedAt, pointer])
  return cursorVisibility(Date.now(), lastMovedAt, pointer).shown
}
