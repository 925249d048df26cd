import { useCallback, useEffect, useState } from 'react'
import { eventDetailsSchema, type Board } from '../../../shared/api.ts'
import { createApiClient } from '../api/apiClient.ts'
import { takeAccessToken } from '../access/accessToken.ts'

/**
 * The event's boards for the pitch board picker. The console may hand them
 * in; otherwise they are read once with this device's token, and again on
 * `refresh` (a board created after the panel opened must still be pickable).
 */
export function useEventBoards(eventId: string | null, given: readonly Board[] | undefined): { boards: readonly Board[]; refresh: () => void; failed: boolean } {
  const [loaded, setLoaded] = useState<readonly Board[]>([])
  const [failed, setFailed] = useState(false)
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    if (given || !eventId) return
    let cancelled = false
    createApiClient(takeAccessToken())
      .get(`/api/events/${encodeURIComponent(eventId)}`, eventDetailsSchema)
      .then(
        (details) => {
          if (cancelled) return
          setLoaded(details.boards.filter((board) => !board.archived))
          setFailed(false)
        },
        (error: unknown) => {
          console.warn('Ideenschmiede: the boards of this event could not be read', error)
          if (!cancelled) setFailed(true)
        },
      )
    return () => {
      cancelled = true
    }
  }, [eventId, given, generation])
  const refresh = useCallback(() => setGeneration((n) => n + 1), [])
  return { boards: given ?? loaded, refresh, failed }
}
