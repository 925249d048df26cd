import 'tldraw/tldraw.css'
import { useEffect, useMemo, useState } from 'react'
import { atom, Tldraw, type Editor, type TLUser } from 'tldraw'
import { ASSET_URLS } from '../board/assetUrls.ts'
import type { EventDetails } from '../../../shared/api.ts'
import { createBoardAssetStore } from '../board/boardAssetStore.ts'
import { CollaboratorCursor } from '../board/cursors/CollaboratorCursor.tsx'
import { useOpenBoard, type OpenBoard } from '../collab/index.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { PhaseTimer } from '../workshop/PhaseTimer.tsx'
import { FloatingReactions } from '../workshop/reactions/FloatingReactions.tsx'
import { useEventDetails } from '../workshop/useEventOfBoard.ts'
import { useSpotlightFollow } from '../workshop/useSpotlightFollow.ts'
import { useWorkshop } from '../workshop/useWorkshop.ts'
import { VoteBadges } from '../workshop/voting/VoteBadges.tsx'
import { BoardWorkshopContext, type BoardWorkshop } from '../workshop/WorkshopContext.ts'
import type { WorkshopSnapshot } from '../workshop/WorkshopConnection.ts'
import { OverviewWall } from '../overview/OverviewWall.tsx'
import { JoinCorner, joinCodeFromUrl } from './JoinCorner.tsx'
import { ProjectorTablePlan } from './ProjectorTablePlan.tsx'
import { PATTERN_FILL_SHAPE_UTILS } from '../board/patternFills.tsx'
import { RankedNotes } from './RankedNotes.tsx'
import { useWholeBoardView } from './useWholeBoardView.ts'
import './projector.css'

/** The projector is nobody in the room: no cursor, no name in anyone's presence list. */
const NO_USER = atom<TLUser | null>('projector user', null)
/** Cursors fade as on every board: from 8 m a resting name label would hide a note's text. */
const CANVAS_COMPONENTS = { InFrontOfTheCanvas: VoteBadges, CollaboratorCursor }

/**
 * The room's shared screen (1920×1080, read from 8 m): the board the
 * facilitator points at, read-only and without tldraw's chrome, with the
 * phase and a large timer in a corner, and the join code while people arrive.
 */
export function ProjectorPage({ eventId, token, licenseKey = null }: { eventId: string; token: string | null; licenseKey?: string | null }) {
  const { t } = useMessages()
  const { connection, snapshot } = useWorkshop(token, eventId)
  const [eventVersion, setEventVersion] = useState(0)
  useEffect(() => connection?.onEventChanged(() => setEventVersion((version) => version + 1)), [connection])
  const lookup = useEventDetails(eventId, token, eventVersion)
  const event = lookup.status === 'ready' ? lookup.event : null
  const [codeFromLink] = useState(joinCodeFromUrl)

  if (lookup.status === 'failed' || snapshot?.status === 'refused') {
    return <p className="projector-message">{t('projector.failed')}</p>
  }
  if (!event || !snapshot || !connection) return <p className="projector-message">{t('projector.loading')}</p>

  const boardId = projectedBoardId(event, snapshot)
  const state = snapshot.state
  const runningRound = state?.speedDating?.status === 'running' ? state.speedDating.rounds.at(-1) : undefined
  const groupBoards = state?.breakouts && !state.spotlight ? event.boards.filter((board) => state.breakouts?.groups.some((group) => group.boardId === board.id)) : []
  const phaseIndex = snapshot.state?.phaseIndex ?? 0
  // Whatever order the links were made in, the server knows the current code; the link's own code is the fallback.
  const joinCode = event.joinCode ?? codeFromLink
  const checkIn = phaseIndex === 0 || (event.agenda[phaseIndex]?.title.startsWith('Ankommen') ?? false)
  const showJoinCard = joinCode !== null && (snapshot.state?.joinCardVisible ?? true)
  return (
    <div className="projector" data-testid="projector">
      {runningRound ? (
        <ProjectorTablePlan round={runningRound} directory={state?.directory ?? {}} />
      ) : groupBoards.length > 0 ? (
        <section className="projector-groups" aria-label={t('overview.title')} data-testid="projector-groups">
          <OverviewWall boards={groupBoards} token={token} connection={null} />
        </section>
      ) : boardId ? (
        <ProjectorBoard key={boardId} boardId={boardId} token={token} event={event} licenseKey={licenseKey} workshop={{ boardId, event, connection, snapshot, isFacilitator: false }} />
      ) : (
        <p className="projector-message">{t('projector.noBoard')}</p>
      )}
      <FloatingReactions connection={connection} size="large" />
      <div className="projector__corner">
        {state?.silentRound?.status === 'running' && (
          <p className="projector__silent" data-testid="projector-silent-round">
            <strong>{t('workshop.silent.title')}</strong> {t('workshop.silent.projectorCount', { total: state.silentRound.total })}
          </p>
        )}
        <PhaseTimer snapshot={snapshot} agenda={event.agenda} variant="projector" t={t} />
      </div>
      {showJoinCard && <JoinCorner code={joinCode} size={checkIn ? 'large' : 'corner'} people={snapshot.peopleCount} t={t} />}
    </div>
  )
}

/** The board in the spotlight, else the board whose vote result was just shown, else the event's first open board. */
function projectedBoardId(event: EventDetails, snapshot: WorkshopSnapshot): string | null {
  const onEventBoard = (boardId: string | undefined) => (boardId && event.boards.some((board) => board.id === boardId) ? boardId : null)
  const state = snapshot.state
  const revealedVoteBoard = state?.vote?.status === 'revealed' ? state.vote.boardId : undefined
  return onEventBoard(state?.spotlight?.boardId) ?? onEventBoard(revealedVoteBoard) ?? event.boards.find((board) => !board.archived)?.id ?? null
}

function ProjectorBoard({ boardId, token, event, licenseKey, workshop }: { boardId: string; token: string | null; event: EventDetails; licenseKey: string | null; workshop: BoardWorkshop }) {
  const { t } = useMessages()
  const assets = useMemo(() => createBoardAssetStore(boardId, token), [boardId, token])
  const board = useOpenBoard({ boardId, token, assets, user: NO_USER, firstPageName: t('board.firstPageName') })
  const [editor, setEditor] = useState<Editor | null>(null)
  useSpotlightFollow(editor, workshop.snapshot.state?.spotlight ?? null, boardId, 'projector')
  useWholeBoardView(editor, workshop.snapshot.state?.spotlight == null)
  const vote = workshop.snapshot.state?.vote
  const revealed = vote?.status === 'revealed' && vote.boardId === boardId ? vote : null
  if (board.status !== 'ready') return <p className="projector-message">{board.status === 'error' ? t('projector.failed') : t('projector.loading')}</p>
  return (
    <BoardWorkshopContext.Provider value={workshop}>
      <div className="projector__board" data-event={event.id}>
        <ProjectorCanvas board={board.board} licenseKey={licenseKey} onEditor={setEditor} />
      </div>
      {editor && revealed && <RankedNotes editor={editor} vote={revealed} />}
    </BoardWorkshopContext.Provider>
  )
}

function ProjectorCanvas({ board, licenseKey, onEditor }: { board: OpenBoard; licenseKey: string | null; onEditor(editor: Editor | null): void }) {
  return (
    <Tldraw
      store={board.store}
      shapeUtils={PATTERN_FILL_SHAPE_UTILS}
      hideUi
      licenseKey={licenseKey ?? undefined}
      assetUrls={ASSET_URLS}
      components={CANVAS_COMPONENTS}
      onMount={(editor) => {
        editor.updateInstanceState({ isReadonly: true })
        onEditor(editor)
        return () => onEditor(null)
      }}
    />
  )
}
