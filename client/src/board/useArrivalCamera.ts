import { useEffect, useRef } from 'react'
import { useValue, type Box, type Editor, type TLCamera, type TLShapeId } from 'tldraw'
import type { OpenBoard } from '../collab/index.ts'
import type { BoardWorkshop } from '../workshop/WorkshopContext.ts'
import { chooseArrivalTarget, type ArrivalPerson, type ArrivalTarget } from './arrivalCamera.ts'

/** Screen pixels kept free around the target: a phone is narrow, and tldraw's default (up to 28 % of the width) shrinks a card frame too far to read. */
const ARRIVAL_INSET_PX = 24

interface Arrival {
  editor: Editor
  /** The camera as arrival last left it; any other camera means the person has moved on their own. */
  left: TLCamera
  settled: boolean
}

/**
 * Moves the camera once, when someone arrives on a board: to their own frame,
 * else to all the content, never closer than 100 %. It waits for the first
 * server sync (the content is there) and for the workshop to say who this is
 * (their frame is known); it gives way to a spotlight for this board, and to
 * a person who has already moved the camera themselves. ArrivalCanvas makes
 * the first move before tldraw draws the shapes; this hook settles it once
 * the server and the workshop have spoken.
 */
export function useArrivalCamera(editor: Editor | null, board: OpenBoard | null, workshop: BoardWorkshop | null): void {
  const contentArrived = useValue(
    'board content arrived',
    () => {
      if (!board) return false
      const state = board.connection.state.get()
      // Offline or refused, this device's copy is all there is to arrive at.
      return board.connection.serverSynced.get() || state === 'offline' || state === 'refused'
    },
    [board],
  )
  const { me, myNotesMarkMyFrame: isGroupBoard, spotlightLeads } = readArrivalPerson(workshop)
  const arrival = useRef<Arrival | null>(null)

  useEffect(() => {
    if (!editor) return
    if (arrival.current?.editor !== editor) arrival.current = { editor, left: editor.getCamera(), settled: false }
    const current = arrival.current
    if (current.settled || !contentArrived) return
    if (spotlightLeads || !sameCamera(editor.getCamera(), current.left)) {
      current.settled = true
      return
    }
    const target = placeArrivalCamera(editor, { me, myNotesMarkMyFrame: isGroupBoard })
    current.left = editor.getCamera()
    // Until the workshop says who this is, their own frame may still be ahead: one more move, if they have not moved meanwhile.
    current.settled = target === null || target.kind === 'own-frame' || me !== null
  }, [editor, contentArrived, me, isGroupBoard, spotlightLeads])
}

interface ArrivalReading extends ArrivalPerson {
  /** A spotlight for everyone on this board moves the camera instead of arrival. */
  readonly spotlightLeads: boolean
}

export function readArrivalPerson(workshop: BoardWorkshop | null): ArrivalReading {
  const snapshot = workshop?.snapshot
  const spotlight = snapshot?.state?.spotlight
  return {
    me: snapshot?.state ? snapshot.me : null,
    myNotesMarkMyFrame: snapshot?.state?.breakouts?.groups.some((group) => group.boardId === workshop?.boardId) ?? false,
    // Facilitators are never moved by a spotlight (see useSpotlightFollow); participants by one for everyone on this board.
    spotlightLeads: !workshop?.isFacilitator && spotlight?.target === 'everyone' && spotlight.boardId === workshop?.boardId,
  }
}

/** Moves the camera to where this person arrives (see chooseArrivalTarget); returns the target, null on an empty board. */
export function placeArrivalCamera(editor: Editor, person: ArrivalPerson): ArrivalTarget<TLShapeId> {
  const target = chooseArrivalTarget(editor.getCurrentPageShapes(), person)
  const bounds = target && boundsOf(editor, target)
  if (bounds) editor.zoomToBounds(bounds, { inset: ARRIVAL_INSET_PX, targetZoom: editor.getBaseZoom(), immediate: true })
  return target
}

function boundsOf(editor: Editor, target: NonNullable<ArrivalTarget<TLShapeId>>): Box | undefined {
  return target.kind === 'own-frame' ? editor.getShapePageBounds(target.frameId) : editor.getCurrentPageBounds()
}

function sameCamera(a: TLCamera, b: TLCamera): boolean {
  return a.x === b.x && a.y === b.y && a.z === b.z
}
