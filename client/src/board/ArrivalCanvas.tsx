import { useLayoutEffect, useState } from 'react'
import { DefaultCanvas, useEditor, type TLCanvasComponentProps } from 'tldraw'
import { useBoardWorkshop } from '../workshop/WorkshopContext.ts'
import { placeArrivalCamera, readArrivalPerson } from './useArrivalCamera.ts'

/**
 * tldraw's canvas, drawn first where the person arrives. Left to the
 * useArrivalCamera effect alone, the camera moves only after tldraw has
 * drawn every shape at the origin, and a big board is then drawn twice
 * (2,000 shapes at 100 %, then all again at the arrival zoom). The camera is set in a layout effect,
 * after tldraw has measured the viewport and before the canvas paints.
 */
export function ArrivalCanvas(props: TLCanvasComponentProps) {
  const editor = useEditor()
  const workshop = useBoardWorkshop()
  const [placedFor, setPlacedFor] = useState<typeof editor | null>(null)
  useLayoutEffect(() => {
    const { spotlightLeads, ...person } = readArrivalPerson(workshop)
    if (!spotlightLeads) placeArrivalCamera(editor, person)
    setPlacedFor(editor)
    // Once per editor, with who this person is as far as known now: later moves are useArrivalCamera's.
  }, [editor])
  return placedFor === editor ? <DefaultCanvas {...props} /> : null
}
