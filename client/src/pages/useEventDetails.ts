import { useCallback, useEffect, useState } from 'react'
import { eventDetailsSchema, type EventDetails } from '../../../shared/api.ts'
import { ApiRequestError, type ApiClient } from '../api/apiClient.ts'

export type EventLoad = { status: 'loading' } | { status: 'ready'; event: EventDetails } | { status: 'failed'; error: ApiRequestError }

/** The event with its agenda and boards; `reload` after a change made through the API. */
export function useEventDetails(api: ApiClient, eventId: string): { load: EventLoad; reload: () => void } {
  const [load, setLoad] = useState<EventLoad>({ status: 'loading' })
  const reload = useCallback(() => {
    api.get(`/api/events/${eventId}`, eventDetailsSchema).then(
      (event) => setLoad({ status: 'ready', event }),
      (error: unknown) =>
        setLoad({ status: 'failed', error: error instanceof ApiRequestError ? error : new ApiRequestError(0, 'internal', String(error)) }),
    )
  }, [api, eventId])
  useEffect(reload, [reload])
  return { load, reload }
}
