import type { Board } from '../../../../shared/api.ts'
import type { WorkshopState } from '../../../../shared/workshop/index.ts'

/**
 * The boards a participant sees in the lobby: the event's main boards, and of
 * the pair and group boards only their own current one. Twenty pair boards
 * per round would bury the boards everyone works on.
 */
export function lobbyBoards(boards: readonly Board[], state: WorkshopState | null, me: string | null): Board[] {
  const rounds = state?.speedDating?.rounds ?? []
  const groups = state?.breakouts?.groups ?? []
  const personal = new Set([...rounds.flatMap((round) => round.groups.map((group) => group.boardId)), ...groups.map((group) => group.boardId)])
  const currentRound = rounds.at(-1)
  const mine = new Set<string>()
  if (me && state?.speedDating?.status === 'running') {
    for (const group of currentRound?.groups ?? []) if (group.members.includes(me)) mine.add(group.boardId)
  }
  if (me) for (const group of groups) if (group.members.includes(me)) mine.add(group.boardId)
  return boards.filter((board) => !board.archived && (!personal.has(board.id) || mine.has(board.id)))
}
