import type { WorkshopConnection, WorkshopSnapshot } from '../workshop/WorkshopConnection.ts'
import { useMessages } from '../i18n/useMessages.ts'

export interface SpeedDatingPanelProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
}

/** The facilitator's speed-dating controls in the console: rounds so far and the next round. */
export function SpeedDatingPanel({ connection, snapshot }: SpeedDatingPanelProps) {
  const { t } = useMessages()
  const rounds = snapshot.state?.speedDating?.rounds ?? []
  return (
    <section className="speed-dating-panel" aria-labelledby="speed-dating-title">
      <h2 id="speed-dating-title">{t('speedDating.title')}</h2>
      <p>{t('speedDating.roundsSoFar', { count: rounds.length })}</p>
      <button type="button" onClick={() => void connection.send('speed:next', {})}>
        {t('speedDating.nextRound')}
      </button>
    </section>
  )
}
