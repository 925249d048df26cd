import { useEffect, useState } from 'react'
import { boardSchema, eventDetailsSchema, type EventDetails } from '../../../shared/api.ts'
import { createApiClient } from '../api/apiClient.ts'

export type EventLookup = { status: 'loading' } | { status: 'ready'; event: EventDetails } | { status: 'failed' }

/**
 * The event a board belongs to, with the caller's role and the agenda: a
 * board link names only the board, but the workshop channel is per event.
 */
export function useEventOfBoard(boardId: string, token: string | null): EventLookup {
  const [lookup, setLookup] = useState<EventLookup>({ status: 'loading' })
  useEffect(() => {
    if (!token) {
      setLookup({ status: 'failed' })
      return
    }
    let cancelled = false
    const api = createApiClient(token)
    api
      .get(`/api/boards/${encodeURIComponent(boardId)}`, boardSchema)
      .then((board) => api.get(`/api/events/${encodeURIComponent(board.eventId)}`, eventDetailsSchema))
      .then(
        (event) => {
          if (!cancelled) setLookup({ status: 'ready', event })
        },
        (error: unknown) => {
          // The board itself still works without the workshop channel; only its controls are missing.
          console.warn('Ideenschmiede: the event of this board could not be loaded', error)
          if (!cancelled) setLookup({ status: 'failed' })
        },
      )
    return () => {
      cancelled = true
    }
  }, [boardId, token])
  return lookup
}

/** The event with its boards, for the projector, which is given the event id; loaded again whenever `version` changes. */
export function useEventDetails(eventId: string, token: string | null, version: number): EventLookup {
  const [lookup, setLookup] = useState<EventLookup>({ status: 'loading' })
  useEffect(() => {
    if (!token) {
      setLookup({ status: 'failed' })
      return
    }
    let cancelled = false
    createApiClient(token)
      .get(`/api/events/${encodeURIComponent(eventId)}`, eventDetailsSchema)
      .then(
        (event) => {
          if (!cancelled) setLookup({ status: 'ready', event })
        },
        (error: unknown) => {
          console.warn('Ideenschmiede: the event could not be loaded', error)
          if (!cancelled) setLookup({ status: 'failed' })
        },
      )
    return () => {
      cancelled = true
    }
  }, [eventId, token, version])
  return lookup
}
