import { useRef, useState, type ChangeEvent } from 'react'
import type { Editor } from 'tldraw'
import type { Translate } from '../i18n/useMessages.ts'

/**
 * Paper sketches are a big part of a workshop: on a phone this opens the
 * camera (or the gallery), and the photo lands in the middle of the view,
 * through tldraw's asset pipeline like a pasted image.
 */
export function PhotoButton({ editor, t }: { editor: Editor; t: Translate }) {
  const input = useRef<HTMLInputElement>(null)
  const [failed, setFailed] = useState(false)

  const handleChange = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = Array.from(event.target.files ?? [])
    event.target.value = ''
    if (files.length === 0) return
    setFailed(false)
    editor
      .putExternalContent({ type: 'files', files, point: editor.getViewportPageBounds().center })
      .catch((error: unknown) => {
        console.error('Ideenschmiede: adding the photo failed', error)
        setFailed(true)
      })
  }

  return (
    <>
      <button
        type="button"
        className="top-bar__button"
        aria-label={t('photo.takeLabel')}
        title={failed ? t('photo.failed') : t('photo.takeLabel')}
        data-failed={failed || undefined}
        onClick={() => input.current?.click()}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
          <circle cx="12" cy="13" r="3.5" />
        </svg>
        <span className="top-bar__button-label">{t('photo.take')}</span>
      </button>
      <input ref={input} type="file" accept="image/*" capture="environment" hidden onChange={handleChange} />
    </>
  )
}
