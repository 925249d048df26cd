import type { ApiRequestError } from '../api/apiClient.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { MessageKey } from '../i18n/messages.ts'

const KEY_BY_CODE: Partial<Record<ApiRequestError['code'], MessageKey>> = {
  unauthorized: 'pages.error.unauthorized',
  forbidden: 'pages.error.forbidden',
  not_found: 'pages.error.notFound',
  network: 'pages.error.network',
  too_many_requests: 'pages.error.tooMany',
}

/** Says what happened and what to do, never a status number. */
export function errorText(error: ApiRequestError, t: ReturnType<typeof useMessages>['t']): string {
  return t(KEY_BY_CODE[error.code] ?? 'pages.error.generic')
}

export function ErrorNotice({ error }: { error: ApiRequestError }) {
  const { t } = useMessages()
  return (
    <main className="notice" role="alert">
      <p>{errorText(error, t)}</p>
    </main>
  )
}
