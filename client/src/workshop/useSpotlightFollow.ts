import { useEffect, useRef, useState } from 'react'
import type { Editor, TLEventInfo } from 'tldraw'
import type { Spotlight } from '../../../shared/workshop/index.ts'

/** Long enough to read "Die Moderation holt alle zu sich" before the view moves. */
const BANNER_BEFORE_MOVE_MS = 1200
const MOVE_ANIMATION_MS = 450
const FOLLOW_ANIMATION_MS = 200

export type SpotlightAudience = 'everyone' | 'projector'

export interface SpotlightFollow {
  /** True while the banner announces a move. */
  announcing: boolean
  /** The spotlight is on another board of the event. */
  elsewhereBoardId: string | null
  /** The user moved away during a follow spotlight; they can pick it up again. */
  optedOut: boolean
  resume(): void
}

function isForMe(spotlight: Spotlight | null, audience: SpotlightAudience | null): spotlight is Spotlight {
  if (!spotlight || !audience) return false
  // The projector follows both; a participant only what is meant for everyone.
  return spotlight.target === 'everyone' || audience === 'projector'
}

/**
 * Moves this device's camera to the facilitator's spotlight: once per new
 * "bring here" (seq), and during a follow spotlight with every update until
 * the user moves the camera themselves.
 */
export function useSpotlightFollow(editor: Editor | null, spotlight: Spotlight | null, boardId: string, audience: SpotlightAudience | null): SpotlightFollow {
  const [announcing, setAnnouncing] = useState(false)
  const [optedOut, setOptedOut] = useState(false)
  const optedOutRef = useRef(false)
  const obeyedSeq = useRef<number | null>(null)
  const following = useRef(false)
  const pendingMove = useRef<ReturnType<typeof setTimeout> | null>(null)
  const ourMoveUntil = useRef(0)
  const mine = isForMe(spotlight, audience) ? spotlight : null
  const here = mine && mine.boardId === boardId ? mine : null
  const latest = useRef(here)
  latest.current = here

  const setOptOut = (value: boolean) => {
    optedOutRef.current = value
    setOptedOut(value)
  }

  const move = (durationMs: number) => {
    const target = latest.current
    if (!editor || !target) return
    ourMoveUntil.current = Date.now() + durationMs + 150
    editor.zoomToBounds(target.viewport, { inset: 0, animation: { duration: durationMs } })
  }

  // The user looking elsewhere stops the following: a scroll or pinch at any moment (even while
  // our own move animates, which it then interrupts), or any other camera change outside our moves.
  useEffect(() => {
    if (!editor || here?.mode !== 'follow' || audience === 'projector') return
    const onInput = (info: TLEventInfo) => {
      if ((info.type === 'wheel' || info.type === 'pinch') && pendingMove.current === null) setOptOut(true)
    }
    editor.on('event', onInput)
    const stopListening = editor.store.listen(
      ({ changes }) => {
        const cameraMoved = Object.values(changes.updated).some(([, to]) => to.typeName === 'camera')
        if (cameraMoved && Date.now() > ourMoveUntil.current && pendingMove.current === null) setOptOut(true)
      },
      { source: 'user', scope: 'session' },
    )
    return () => {
      editor.off('event', onInput)
      stopListening()
    }
  }, [editor, here?.mode, audience])

  useEffect(() => () => {
    if (pendingMove.current) clearTimeout(pendingMove.current)
  }, [])

  const seq = here?.seq ?? null
  useEffect(() => {
    if (seq === null) {
      following.current = false
      setOptOut(false)
      return
    }
    const target = latest.current
    if (!editor || !target || obeyedSeq.current === seq) return
    obeyedSeq.current = seq
    // In a follow spotlight every position update has a new seq; only the first one is announced.
    const continuing = target.mode === 'follow' && following.current
    following.current = target.mode === 'follow'
    if (continuing) {
      if (!optedOutRef.current && pendingMove.current === null) move(FOLLOW_ANIMATION_MS)
      return
    }
    setOptOut(false)
    setAnnouncing(true)
    if (pendingMove.current) clearTimeout(pendingMove.current)
    pendingMove.current = setTimeout(() => {
      pendingMove.current = null
      setAnnouncing(false)
      move(MOVE_ANIMATION_MS)
    }, audience === 'projector' ? 0 : BANNER_BEFORE_MOVE_MS)
    // move reads the latest target through a ref, so the seq alone decides when to act.
  }, [editor, seq])

  return {
    announcing,
    elsewhereBoardId: mine && mine.boardId !== boardId ? mine.boardId : null,
    optedOut: optedOut && here?.mode === 'follow',
    resume: () => {
      setOptOut(false)
      move(MOVE_ANIMATION_MS)
    },
  }
}
