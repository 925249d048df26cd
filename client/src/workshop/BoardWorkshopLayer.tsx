import './workshop.css'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Editor } from 'tldraw'
import { useMessages } from '../i18n/useMessages.ts'
import type { VersionsAccess } from '../versions/VersionsControls.tsx'
import { FacilitatorBoardTools } from './FacilitatorBoardTools.tsx'
import { LockIcon } from './icons.tsx'
import { FloatingReactions } from './reactions/FloatingReactions.tsx'
import { ReactionButton } from './reactions/ReactionButton.tsx'
import { registerSideNotes } from './sideNotes.ts'
import { useSpotlightFollow } from './useSpotlightFollow.ts'
import { DotVoteBar } from './voting/DotVoteBar.tsx'
import { VoteRanking } from './voting/VoteRanking.tsx'
import type { BoardWorkshop } from './WorkshopContext.ts'

interface BoardWorkshopLayerProps {
  workshop: BoardWorkshop
  editor: Editor
  /** False when the board itself is read-only (newer schema): a lock must not lift that. */
  canEdit: boolean
  /** What the facilitator's version history needs beyond the workshop channel. */
  versions: VersionsAccess
}

/** What the facilitator's actions look like on a board: follow-me, lock, dots, reactions, breakouts. */
export function BoardWorkshopLayer({ workshop, editor, canEdit, versions }: BoardWorkshopLayerProps) {
  const { t } = useMessages()
  const { snapshot, boardId, isFacilitator, connection } = workshop
  const state = snapshot.state
  const follow = useSpotlightFollow(editor, state?.spotlight ?? null, boardId, isFacilitator ? null : 'everyone')
  const lock = isFacilitator ? null : (state?.locks[boardId] ?? null)

  useEffect(() => {
    if (!canEdit) return
    editor.updateInstanceState({ isReadonly: lock !== null })
  }, [editor, lock, canEdit])

  useEffect(() => {
    if (isFacilitator || !snapshot.me) return
    return registerSideNotes(editor, snapshot.me)
  }, [editor, isFacilitator, snapshot.me])

  const breakoutBoardId = useBreakoutNavigation(workshop)

  return (
    <div className="board-workshop">
      <div className="board-workshop__notices">
        {follow.announcing && <Notice tone="calm" testId="spotlight-banner" text={t('workshop.spotlight.incoming')} />}
        {follow.elsewhereBoardId && (
          <Notice tone="calm" testId="spotlight-elsewhere" text={t('workshop.spotlight.elsewhere')}>
            <a href={`/b/${encodeURIComponent(follow.elsewhereBoardId)}`}>{t('workshop.spotlight.goThere')}</a>
          </Notice>
        )}
        {follow.optedOut && (
          <Notice tone="calm" testId="spotlight-paused" text={t('workshop.spotlight.paused')}>
            <button type="button" onClick={follow.resume}>
              {t('workshop.spotlight.resume')}
            </button>
          </Notice>
        )}
        {breakoutBoardId && (
          <Notice tone="calm" testId="breakout-moving" text={t('workshop.breakout.moving')} />
        )}
        {!isFacilitator && state?.silentRound?.boardId === boardId && state.silentRound.status === 'running' && (
          <Notice tone="calm" testId="silent-round-banner" text={t('workshop.silent.phoneNotice')} />
        )}
        {lock && (
          <Notice tone="alert" testId="lock-banner" text={lock.reason ? t('workshop.lock.lockedBecause', { reason: lock.reason }) : t('workshop.lock.locked')} icon={<LockIcon />} />
        )}
      </div>
      {!isFacilitator && (
        <div className="board-workshop__bottom">
          <DotVoteBar workshop={workshop} editor={editor} />
        </div>
      )}
      <VoteRanking workshop={workshop} editor={editor} />
      {isFacilitator ? (
        <>
          <FacilitatorBoardTools workshop={workshop} editor={editor} versions={versions} />
          <FloatingReactions connection={connection} size="normal" />
        </>
      ) : (
        <ReactionButton connection={connection} />
      )}
    </div>
  )
}

/** A participant assigned to a breakout group goes to the group's board, and back when the breakouts end. */
function useBreakoutNavigation({ snapshot, boardId, isFacilitator }: BoardWorkshop): string | null {
  const breakouts = snapshot.state?.breakouts ?? null
  const me = snapshot.me
  const myGroup = !isFacilitator && breakouts && me ? breakouts.groups.find((group) => group.members.includes(me)) : undefined
  const returnTo = useRef<string | null>(null)
  const [target, setTarget] = useState<string | null>(null)
  if (breakouts) returnTo.current = breakouts.sourceBoardId
  // Back to the source board when the breakouts end, but only once the state is known (not while connecting).
  const backTo = !breakouts && snapshot.state && returnTo.current !== boardId ? returnTo.current : null
  const destination = myGroup?.boardId ?? backTo
  useEffect(() => {
    if (!destination || destination === boardId) return
    setTarget(destination)
    const timeout = setTimeout(() => window.location.assign(`/b/${encodeURIComponent(destination)}`), 1200)
    return () => clearTimeout(timeout)
  }, [destination, boardId])
  return target
}

function Notice({ tone, text, testId, icon, children }: { tone: 'calm' | 'alert'; text: string; testId: string; icon?: ReactNode; children?: ReactNode }) {
  return (
    <p className="banner board-workshop__notice" data-tone={tone} role="status" data-testid={testId}>
      {icon}
      {icon && ' '}
      {text}
      {children && <> {children}</>}
    </p>
  )
}
