import { useEffect, useState } from 'react'
import { SIDE_INFO } from '../../../../shared/sides.ts'
import type { ReactionEvent } from '../../../../shared/workshop/index.ts'
import type { WorkshopConnection } from '../WorkshopConnection.ts'

const FLOAT_MS = 3500
const MAX_ON_SCREEN = 24

interface Floating extends ReactionEvent {
  key: number
  lane: number
}

let nextKey = 0

/** Reactions of the room rise and fade over the board: on the projector and on the facilitator's screen. */
export function FloatingReactions({ connection, size }: { connection: WorkshopConnection; size: 'normal' | 'large' }) {
  const [floating, setFloating] = useState<Floating[]>([])
  useEffect(
    () =>
      connection.onReaction((event) => {
        const item = { ...event, key: nextKey++, lane: Math.floor(Math.random() * 8) }
        setFloating((current) => [...current.slice(-MAX_ON_SCREEN + 1), item])
        setTimeout(() => setFloating((current) => current.filter((entry) => entry.key !== item.key)), FLOAT_MS)
      }),
    [connection],
  )
  return (
    <div className={`floating-reactions floating-reactions--${size}`} aria-hidden="true" data-testid="floating-reactions">
      {floating.map((item) => (
        <span key={item.key} className="floating-reaction" style={{ right: `${2 + item.lane * 4}%` }}>
          {item.reaction}
          {item.name && (
            <span className="floating-reaction__name">
              {item.name}
              {item.side && ` · ${SIDE_INFO[item.side].letter}`}
            </span>
          )}
        </span>
      ))}
    </div>
  )
}
