import { createContext, useContext } from 'react'
import type { EventDetails } from '../../../shared/api.ts'
import type { WorkshopConnection, WorkshopSnapshot } from './WorkshopConnection.ts'

/** What the board's workshop parts share: tldraw renders some of them (vote badges) where props cannot reach. */
export interface BoardWorkshop {
  boardId: string
  event: EventDetails
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  isFacilitator: boolean
}

export const BoardWorkshopContext = createContext<BoardWorkshop | null>(null)

export function useBoardWorkshop(): BoardWorkshop | null {
  return useContext(BoardWorkshopContext)
}
