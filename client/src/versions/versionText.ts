import type { BoardVersionInfo } from '../../../shared/boardVersions.ts'
import type { ApiRequestError } from '../api/apiClient.ts'
import type { AppLocale, MessageKey } from '../i18n/messages.ts'

/** When a version was saved, in the viewer's time zone: "08.11.2024, 14:32" (English: "08/11/2024, 14:32"). */
export function versionTime(createdAt: string, locale: AppLocale): string {
  return new Date(createdAt).toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/**
 * What a version is called in the list. Only named versions carry a name a
 * person chose; the server names the others in German, so their label comes
 * from the dictionary and reads right in both languages.
 */
export function versionTitle(version: Pick<BoardVersionInfo, 'kind' | 'name'>, t: (key: MessageKey) => string): string {
  switch (version.kind) {
    case 'named':
      return version.name
    case 'auto':
      return t('versions.kind.auto')
    case 'before-restore':
      return t('versions.kind.beforeRestore')
  }
}

export type VersionAction = 'list' | 'preview' | 'name' | 'restore'

const FAILED: Record<VersionAction, MessageKey> = {
  list: 'versions.error.list',
  preview: 'versions.error.preview',
  name: 'versions.error.name',
  restore: 'versions.error.restore',
}

/** What to tell the facilitator when a call about versions failed: what happened and what to do now. */
export function versionErrorKey(action: VersionAction, error: Pick<ApiRequestError, 'code'> | null): MessageKey {
  switch (error?.code) {
    case 'network':
      return 'versions.error.network'
    case 'unauthorized':
    case 'forbidden':
      return 'versions.error.forbidden'
    case 'not_found':
      return action === 'list' ? FAILED.list : 'versions.error.gone'
    // The server answers a restore of a version it cannot read with a conflict.
    case 'conflict':
      return action === 'restore' ? 'versions.error.unreadable' : FAILED[action]
    default:
      return FAILED[action]
  }
}
