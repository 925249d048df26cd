import { useRef } from 'react'
import { useEditor, useSharedSafeId, useTransform, useValue, type TLCursorProps } from 'tldraw'
import { readPresenceMeta } from '../../../../shared/presenceMeta.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { cursorName } from './cursorName.ts'
import { useCursorShown } from './useCursorShown.ts'
import './cursors.css'

/**
 * tldraw's collaborator cursor, fading when its owner's pointer rests (see
 * cursorVisibility) so a name label never sits on a note's text for long.
 * It stays mounted while faded, so fading out and back in are CSS
 * transitions. The presence's `lastActivityTimestamp` is when the pointer
 * last moved, on our clock (collab/presenceActivity.ts).
 */
export function CollaboratorCursor({ userId, className, zoom, point, color, name, chatMessage }: TLCursorProps) {
  const rCursor = useRef<HTMLDivElement>(null)
  useTransform(rCursor, point?.x, point?.y, 1 / zoom)
  const cursorId = useSharedSafeId('cursor')
  const editor = useEditor()
  // By the plain string tldraw hands the cursor, rather than casting it to usePresence's user id type.
  const presence = useValue('cursor presence', () => editor.getCollaborators().find((collaborator) => collaborator.userId === userId) ?? null, [editor, userId])
  const meta = readPresenceMeta(presence?.meta)
  const pointer = meta.coarsePointer ? 'touch' : 'mouse'
  const recentlyMoved = useCursorShown(presence?.lastActivityTimestamp ?? 0, pointer)
  // Typing a cursor chat message moves no pointer, yet it is meant to be read.
  const shown = recentlyMoved || chatMessage !== ''
  const { t } = useMessages()

  if (!point) return null
  const label = name && (
    <>
      {meta.facilitator && (
        <span className="cursor-role" role="img" aria-label={t('cursor.facilitator')} title={t('cursor.facilitator')} data-testid="cursor-facilitator-mark">
          <StarIcon />
        </span>
      )}
      <span className="cursor-name" data-testid="cursor-name">
        {cursorName(name, meta.facilitator)}
      </span>
    </>
  )

  return (
    <div
      ref={rCursor}
      className={`tl-collaborators__item cursor ${className ?? ''}`}
      style={{ color }}
      data-shown={shown}
      data-pointer={pointer}
      data-testid="collaborator-cursor"
    >
      <svg className="tl-cursor" aria-hidden="true">
        <use href={`#${cursorId}`} color={color} />
      </svg>
      {chatMessage ? (
        <>
          {label && (
            <div className="tl-nametag-title" style={{ color }}>
              {label}
            </div>
          )}
          <div className="tl-nametag-chat" style={{ backgroundColor: color }}>
            {chatMessage}
          </div>
        </>
      ) : (
        label && (
          <div className="tl-nametag" style={{ backgroundColor: color }}>
            {label}
          </div>
        )
      )}
    </div>
  )
}

/** Drawn rather than an emoji: a projector PC may have no emoji font. */
function StarIcon() {
  return (
    <svg aria-hidden="true" width="10" height="10" viewBox="0 0 24 24" fill="currentColor">
      <path d="M12 2l2.9 6.9 7.1.6-5.4 4.7 1.6 7.3L12 17.8 5.8 21.5l1.6-7.3L2 9.5l7.1-.6z" />
    </svg>
  )
}
