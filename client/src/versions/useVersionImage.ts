import { useEffect, useState } from 'react'
import type { TLAssetStore } from 'tldraw'
import type { MessageKey } from '../i18n/messages.ts'
import { renderVersionImage } from './renderVersionImage.ts'
import { versionFailure } from './versionErrors.ts'
import type { VersionsApi } from './versionsApi.ts'

export type VersionImageState =
  | { status: 'loading' }
  | { status: 'empty' }
  | { status: 'image'; url: string; width: number; height: number }
  | { status: 'failed'; failure: MessageKey }

interface VersionImageOptions {
  api: VersionsApi
  versionId: string
  assets: TLAssetStore
  licenseKey: string | null
  /** Where tldraw measures text while drawing; null until it is in the document. */
  container: HTMLElement | null
}

/** Loads a version and draws it; the image's object URL lives as long as the preview shows it. */
export function useVersionImage({ api, versionId, assets, licenseKey, container }: VersionImageOptions): VersionImageState {
  const [state, setState] = useState<VersionImageState>({ status: 'loading' })
  useEffect(() => {
    if (!container) return
    let current = true
    let url: string | null = null
    setState({ status: 'loading' })
    api.content(versionId).then(
      (content) =>
        renderVersionImage(content, { container, assets, licenseKey }).then(
          (image) => {
            if (!current) return
            if (image.kind === 'empty') {
              setState({ status: 'empty' })
              return
            }
            url = URL.createObjectURL(image.blob)
            setState({ status: 'image', url, width: image.width, height: image.height })
          },
          (error: unknown) => {
            console.error('Ideenschmiede: a version could not be drawn', error)
            if (current) setState({ status: 'failed', failure: 'versions.error.unreadable' })
          },
        ),
      (error: unknown) => {
        if (current) setState({ status: 'failed', failure: versionFailure('preview', error) })
      },
    )
    return () => {
      current = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [api, versionId, assets, licenseKey, container])
  return state
}
