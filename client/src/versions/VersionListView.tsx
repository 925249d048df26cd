import type { BoardVersionInfo } from '../../../shared/boardVersions.ts'
import type { AppLocale } from '../i18n/messages.ts'
import type { Translate } from '../i18n/useMessages.ts'
import type { VersionList } from './useVersionList.ts'
import { versionTime, versionTitle } from './versionText.ts'

interface VersionListViewProps {
  list: VersionList
  selectedId: string | null
  onSelect(version: BoardVersionInfo): void
  locale: AppLocale
  t: Translate
}

/** The board's versions as the server keeps them, newest first; the chosen one is pressed. */
export function VersionListView({ list, selectedId, onSelect, locale, t }: VersionListViewProps) {
  if (list.failure && !list.versions) {
    return (
      <p className="versions__failure" role="alert">
        {t(list.failure)}
      </p>
    )
  }
  if (!list.versions) return <p className="versions__hint">{t('versions.list.loading')}</p>
  if (list.versions.length === 0) return <p className="versions__hint">{t('versions.list.empty')}</p>
  return (
    <>
      {list.failure && (
        <p className="versions__failure" role="alert">
          {t(list.failure)}
        </p>
      )}
      <ul className="versions__list" aria-label={t('versions.list.label')} data-testid="version-list">
        {list.versions.map((version) => (
          <li key={version.id}>
            <button
              type="button"
              className="versions__item"
              aria-pressed={version.id === selectedId}
              data-kind={version.kind}
              data-testid="version-item"
              onClick={() => onSelect(version)}
            >
              <span className="versions__item-title">{versionTitle(version, t)}</span>
              <time className="versions__item-time" dateTime={version.createdAt}>
                {versionTime(version.createdAt, locale)}
              </time>
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}
