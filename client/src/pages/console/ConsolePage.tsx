import { formatGermanDate } from '../../../../shared/dates.ts'
import type { EventDetails } from '../../../../shared/api.ts'
import type { ApiClient } from '../../api/apiClient.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { OverviewWall } from '../../overview/OverviewWall.tsx'
import { SpeedDatingPanel } from '../../speedDating/SpeedDatingPanel.tsx'
import { WorkshopControls } from '../../workshop/controls/WorkshopControls.tsx'
import type { WorkshopConnection, WorkshopSnapshot } from '../../workshop/WorkshopConnection.ts'
import { PrivacyPanel } from '../../privacy/PrivacyPanel.tsx'
import { AgendaColumn } from './AgendaColumn.tsx'
import { BoardsPanel } from './BoardsPanel.tsx'
import { EventDetailsForm } from './EventDetailsForm.tsx'
import { DevicesPanel } from './DevicesPanel.tsx'
import { LinksPanel } from './LinksPanel.tsx'
import { RosterPanel } from './RosterPanel.tsx'

export interface EventViewProps {
  event: EventDetails
  api: ApiClient
  token: string | null
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  reload: () => void
}

/**
 * The facilitator's console: agenda left, boards in the middle, the controls
 * of the moment right. The join links and codes sit under the agenda: they
 * matter at check-in, and the right column has to keep the roster in reach.
 */
export function ConsolePage(props: EventViewProps) {
  const { t } = useMessages()
  const { event, token, connection, snapshot } = props
  return (
    <div className="console">
      <header className="console__header">
        <h1>{event.title}</h1>
        <p className="console__meta">{[event.date && formatGermanDate(event.date), event.place, t(`event.mode.${event.mode}`)].filter(Boolean).join(' · ')}</p>
      </header>
      <div className="console__columns">
        <section className="console__column" aria-label={t('console.agenda')}>
          <AgendaColumn {...props} />
          <LinksPanel {...props} />
          <DevicesPanel {...props} />
          <EventDetailsForm {...props} />
          <PrivacyPanel {...props} />
        </section>
        <section className="console__column console__column--wide" aria-label={t('console.boards')}>
          <BoardsPanel {...props} />
          <h2>{t('overview.title')}</h2>
          <OverviewWall boards={event.boards} token={token} connection={connection} />
        </section>
        <section className="console__column" aria-label={t('console.controls')}>
          <WorkshopControls connection={connection} snapshot={snapshot} boards={event.boards} />
          <SpeedDatingPanel connection={connection} snapshot={snapshot} boards={event.boards} />
          <RosterPanel snapshot={snapshot} />
        </section>
      </div>
    </div>
  )
}
