import './overview.css'
import { useMemo } from 'react'
import type { Board } from '../../../shared/api.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { WorkshopConnection } from '../workshop/WorkshopConnection.ts'
import { BoardThumbnail } from './BoardThumbnail.tsx'
import { contentBounds, thumbnailBoxes } from './thumbnailShapes.ts'
import { useLiveBoardRecords } from './useLiveBoardRecords.ts'

export interface OverviewWallProps {
  boards: readonly Board[]
  token: string | null
  /** Present for facilitators: lets them put one board large on the projector. */
  connection: WorkshopConnection | null
}

/** Every board of the event side by side, live, so the facilitator sees all groups at once. */
export function OverviewWall({ boards, token, connection }: OverviewWallProps) {
  const { t } = useMessages()
  const visible = boards.filter((board) => !board.archived)
  if (visible.length === 0) return <p className="overview-wall__empty">{t('overview.empty')}</p>
  return (
    <ul className="overview-wall" aria-label={t('overview.title')}>
      {visible.map((board) => (
        <OverviewTile key={board.id} board={board} token={token} connection={connection} />
      ))}
    </ul>
  )
}

function OverviewTile({ board, token, connection }: { board: Board; token: string | null; connection: WorkshopConnection | null }) {
  const { t } = useMessages()
  const records = useLiveBoardRecords(board.id, token)
  const boxes = useMemo(() => thumbnailBoxes(records), [records])
  return (
    <li className="overview-wall__tile">
      <a className="overview-wall__open" href={`/b/${board.id}`} aria-label={t('overview.open', { title: board.title })}>
        <BoardThumbnail title={board.title} boxes={boxes} />
        <span className="overview-wall__title">{board.title}</span>
      </a>
      {connection && (
        <button
          type="button"
          className="overview-wall__project"
          onClick={() => void connection.send('spotlight:start', { boardId: board.id, viewport: contentBounds(boxes), mode: 'follow', target: 'projector' })}
        >
          {t('overview.toProjector')}
        </button>
      )}
    </li>
  )
}
