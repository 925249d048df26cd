import { useState } from 'react'
import type { TLAssetStore } from 'tldraw'
import type { Translate } from '../i18n/useMessages.ts'
import { useVersionImage } from './useVersionImage.ts'
import type { VersionsApi } from './versionsApi.ts'

interface VersionPreviewProps {
  api: VersionsApi
  versionId: string
  /** The version's name and time, for the image's text alternative. */
  description: { name: string; time: string }
  assets: TLAssetStore
  licenseKey: string | null
  t: Translate
}

/** A read-only picture of the version's first page. */
export function VersionPreview({ api, versionId, description, assets, licenseKey, t }: VersionPreviewProps) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null)
  const image = useVersionImage({ api, versionId, assets, licenseKey, container })
  return (
    <div className="versions__preview" data-testid="version-preview" data-status={image.status}>
      {/* tldraw lays text out in here to measure it; it is never seen. */}
      <div ref={setContainer} className="versions__measure tl-container tl-theme__light" aria-hidden="true" />
      {image.status === 'loading' && (
        <p className="versions__hint" role="status">
          {t('versions.preview.loading')}
        </p>
      )}
      {image.status === 'empty' && <p className="versions__hint">{t('versions.preview.empty')}</p>}
      {image.status === 'failed' && (
        <p className="versions__failure" role="alert">
          {t(image.failure)}
        </p>
      )}
      {image.status === 'image' && (
        <img className="versions__image" src={image.url} width={image.width} height={image.height} alt={t('versions.preview.alt', description)} />
      )}
    </div>
  )
}
