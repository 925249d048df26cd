import { useEffect } from 'react'
import { openPrivateNotes, type OpenBoard } from '../collab/index.ts'
import type { BoardWorkshop } from './WorkshopContext.ts'

/**
 * A participant's private notes are on their canvas while a silent round on
 * this board has any (running, or ended without a reveal); new notes go
 * there only while it runs.
 */
export function usePrivateNotes(board: OpenBoard | null, token: string | null, workshop: BoardWorkshop | null): void {
  const round = workshop?.snapshot.state?.silentRound ?? null
  const status = workshop && !workshop.isFacilitator && round?.boardId === workshop.boardId ? round.status : null
  const boardId = workshop?.boardId ?? null
  const open = status !== null

  useEffect(() => {
    if (!board || !boardId || !open) return
    return openPrivateNotes(board, boardId, token)
  }, [board, boardId, token, open])

  useEffect(() => {
    if (board) board.routing.collecting = status === 'running'
  }, [board, status])
}
