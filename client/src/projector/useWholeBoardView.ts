import { useEffect } from 'react'
import type { Editor } from 'tldraw'

/** Room for the corner cards (phase, timer, join code, ranking) around the board. */
const INSET_PX = 120
/** Many notes arrive at once (a reveal, a group of phones); the camera moves once they have. */
const SETTLE_MS = 400

/**
 * Without a spotlight, the projector keeps the whole board in view: notes
 * revealed or written after it opened are on the wall too, not only what
 * was there at the first frame.
 */
export function useWholeBoardView(editor: Editor | null, active: boolean): void {
  useEffect(() => {
    if (!editor || !active) return
    let shown: string | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    const fit = (): void => {
      const bounds = editor.getCurrentPageBounds()
      if (!bounds) return
      const key = `${bounds.x}:${bounds.y}:${bounds.w}:${bounds.h}`
      if (key === shown) return
      shown = key
      editor.zoomToBounds(bounds, { inset: INSET_PX, targetZoom: editor.getBaseZoom(), animation: { duration: 300 } })
    }
    fit()
    const stop = editor.store.listen(
      () => {
        if (timer) clearTimeout(timer)
        timer = setTimeout(fit, SETTLE_MS)
      },
      { scope: 'document' },
    )
    return () => {
      stop()
      if (timer) clearTimeout(timer)
    }
  }, [editor, active])
}
