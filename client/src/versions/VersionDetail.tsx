import { useEffect, useRef } from 'react'
import type { TLAssetStore } from 'tldraw'
import type { BoardVersionInfo } from '../../../shared/boardVersions.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { RestoreVersion } from './RestoreVersion.tsx'
import { VersionPreview } from './VersionPreview.tsx'
import type { VersionsApi } from './versionsApi.ts'
import { versionTime, versionTitle } from './versionText.ts'

interface VersionDetailProps {
  version: BoardVersionInfo
  api: VersionsApi
  assets: TLAssetStore
  licenseKey: string | null
  onRestored(): void
}

/** One version: what it is called, when it was saved, how it looked, and the way back to it. */
export function VersionDetail({ version, api, assets, licenseKey, onRestored }: VersionDetailProps) {
  const { locale, t } = useMessages()
  const section = useRef<HTMLElement>(null)
  const name = versionTitle(version, t)
  const time = versionTime(version.createdAt, locale)

  // On a phone the detail sits below the list: bring it into view when a version is chosen.
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest' })
  }, [])

  return (
    <section ref={section} className="versions__detail" aria-labelledby="version-detail-title" data-testid="version-detail">
      <h3 id="version-detail-title" className="versions__detail-title">
        {name} <time dateTime={version.createdAt}>{time}</time>
      </h3>
      <VersionPreview api={api} versionId={version.id} description={{ name, time }} assets={assets} licenseKey={licenseKey} t={t} />
      <RestoreVersion api={api} versionId={version.id} onRestored={onRestored} t={t} />
    </section>
  )
}
