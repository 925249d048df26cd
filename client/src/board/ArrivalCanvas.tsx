import { useLayoutEffect, useState } from 'react'
import { DefaultCanvas, useEditor, type TLCanvasComponentProps } from 'tldraw'
import { useBoardWorkshop } from '../workshop/WorkshopContext.ts'
import { placeArrivalCamera, readArrivalPerson } from './useArrivalCamera.ts'

/**
 * tldraw's canvas, shown first where the person arrives. Left to the
 * useArrivalCamera effect alone, the camera moved only after tldraw had
 * painted the board at the origin (a big board mostly hidden there as off
 * screen), and then the whole board was shown and painted again at the
 * arrival zoom. tldraw mounts every shape either way; this saves the first,
 * wrong frame. The camera is set in a layout effect, after tldraw has
 * measured the viewport and before the canvas paints.
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
