import { useEffect, useMemo } from 'react'
import { useValue } from 'tldraw'
import { canFacilitate } from '../../../shared/roles.ts'
import { userProfile } from '../user/userProfile.ts'
import { mySide } from './sideNotes.ts'
import { useEventOfBoard } from './useEventOfBoard.ts'
import { useWorkshop } from './useWorkshop.ts'
import type { BoardWorkshop } from './WorkshopContext.ts'

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/
const DEFAULT_COLOR = '#4263eb'

/**
 * The board screen's workshop channel: find the board's event, connect, and
 * tell the room who is here and on which board (roster, names on dots).
 */
export function useBoardWorkshop(boardId: string, token: string | null): BoardWorkshop | null {
  const lookup = useEventOfBoard(boardId, token)
  const event = lookup.status === 'ready' ? lookup.event : null
  const { connection, snapshot } = useWorkshop(token, event?.id ?? null)
  const preferences = useValue('preferences', () => userProfile.preferences.get(), [])
  const online = snapshot?.status === 'online'

  useEffect(() => {
    if (!connection || !online) return
    const side = mySide()
    const color = preferences.color && HEX_COLOR.test(preferences.color) ? preferences.color : DEFAULT_COLOR
    const profile = preferences.name && side ? { name: preferences.name.slice(0, 60), side, color } : null
    void connection.send('presence:set', { profile, boardId }).then((result) => {
      if (!result.ok) console.warn('Ideenschmiede: presence was not accepted', result.error)
    })
  }, [connection, online, preferences, boardId])

  return useMemo(
    () => (event && connection && snapshot ? { boardId, event, connection, snapshot, isFacilitator: canFacilitate(event.role) } : null),
    [boardId, event, connection, snapshot],
  )
}
