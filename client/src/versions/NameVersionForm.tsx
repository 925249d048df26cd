import { useState, type FormEvent } from 'react'
import { MAX_VERSION_NAME_LENGTH, type BoardVersionInfo } from '../../../shared/boardVersions.ts'
import type { MessageKey } from '../i18n/messages.ts'
import type { Translate } from '../i18n/useMessages.ts'
import { versionFailure } from './versionErrors.ts'
import type { VersionsApi } from './versionsApi.ts'

/** "Aktuellen Stand benennen": keeps the board as it is now as a version with a name. */
export function NameVersionForm({ api, onSaved, t }: { api: VersionsApi; onSaved(version: BoardVersionInfo): void; t: Translate }) {
  const [name, setName] = useState('')
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<MessageKey | null>(null)
  const trimmed = name.trim()

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault()
    if (!trimmed || saving) return
    setSaving(true)
    setFailure(null)
    api
      .nameCurrentState(trimmed)
      .then(
        (version) => {
          setName('')
          onSaved(version)
        },
        (error: unknown) => setFailure(versionFailure('name', error)),
      )
      .finally(() => setSaving(false))
  }

  return (
    <form className="versions__name" onSubmit={handleSubmit}>
      <label className="versions__label" htmlFor="version-name">
        {t('versions.name.label')}
      </label>
      <div className="versions__name-row">
        <input
          id="version-name"
          className="versions__input"
          value={name}
          maxLength={MAX_VERSION_NAME_LENGTH}
          autoComplete="off"
          placeholder={t('versions.name.placeholder')}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="versions__button" disabled={!trimmed || saving} data-testid="version-name-save">
          {saving ? t('versions.name.saving') : t('versions.name.save')}
        </button>
      </div>
      {failure && (
        <p className="versions__failure" role="alert">
          {t(failure)}
        </p>
      )}
    </form>
  )
}
