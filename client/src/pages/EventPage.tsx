import { lazy, Suspense, useEffect, useMemo } from 'react'
import { canFacilitate } from '../../../shared/roles.ts'
import { createApiClient } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { useWorkshop } from '../workshop/useWorkshop.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { LobbyPage } from './lobby/LobbyPage.tsx'
import { useEventDetails } from './useEventDetails.ts'
import './pages.css'

/** Facilitators only: its controls and the overview wall (which draws with tldraw) stay off participants' phones. */
const ConsolePage = lazy(() => import('./console/ConsolePage.tsx').then((module) => ({ default: module.ConsolePage })))

/** `/e/<eventId>`: the console for facilitators, the lobby for participants; the token decides. */
export function EventPage({ eventId, token }: { eventId: string; token: string | null }) {
  const { t } = useMessages()
  const api = useMemo(() => createApiClient(token), [token])
  const { load, reload } = useEventDetails(api, eventId)
  const { connection, snapshot } = useWorkshop(token, eventId)
  useEffect(() => connection?.onEventChanged(reload), [connection, reload])
  if (load.status === 'failed') return <ErrorNotice error={load.error} />
  const loading = (
    <main className="notice" aria-busy="true">
      <p>{t('pages.loading')}</p>
    </main>
  )
  if (load.status === 'loading' || !connection || !snapshot) return loading
  const props = { event: load.event, api, token, connection, snapshot, reload }
  return canFacilitate(load.event.role) ? (
    <Suspense fallback={loading}>
      <ConsolePage {...props} />
    </Suspense>
  ) : (
    <LobbyPage {...props} />
  )
}
