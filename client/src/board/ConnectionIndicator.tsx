import type { ConnectionState } from '../collab/index.ts'
import type { Translate } from '../i18n/useMessages.ts'

const LABEL_KEY = {
  online: 'connection.online',
  connecting: 'connection.connecting',
  offline: 'connection.offlineShort',
  refused: 'connection.refused',
  full: 'connection.full',
} as const

/** A calm dot with a short word; the long explanation sits in the banner below the bar. */
export function ConnectionIndicator({ state, t }: { state: ConnectionState; t: Translate }) {
  return (
    <span className="connection" data-state={state} data-testid="connection-state" title={t(LABEL_KEY[state])}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{state === 'refused' ? t('connection.offlineShort') : state === 'full' ? t('connection.fullShort') : t(LABEL_KEY[state])}</span>
    </span>
  )
}
