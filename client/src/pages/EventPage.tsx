import { useEffect, useMemo } from 'react'
import { canFacilitate } from '../../../shared/roles.ts'
import { createApiClient } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { useWorkshop } from '../workshop/useWorkshop.ts'
import { ConsolePage } from './console/ConsolePage.tsx'
import { ErrorNotice } from './ErrorNotice.tsx'
import { LobbyPage } from './lobby/LobbyPage.tsx'
import { useEventDetails } from './useEventDetails.ts'
import './pages.css'

/** `/e/<eventId>`: the console for facilitators, the lobby for participants; the token decides. */
export function EventPage({ eventId, token }: { eventId: string; token: string | null }) {
  const { t } = useMessages()
  const api = useMemo(() => createApiClient(token), [token])
  const { load, reload } = useEventDetails(api, eventId)
  const { connection, snapshot } = useWorkshop(token, eventId)
  useEffect(() => connection?.onEventChanged(reload), [connection, reload])
  if (load.status === 'failed') return <ErrorNotice error={load.error} />
  if (load.status === 'loading' || !connection || !snapshot) {
    return (
      <main className="notice" aria-busy="true">
        <p>{t('pages.loading')}</p>
      </main>
    )
  }
  const props = { event: load.event, api, token, connection, snapshot, reload }
  return canFacilitate(load.event.role) ? <ConsolePage {...props} /> : <LobbyPage {...props} />
}
