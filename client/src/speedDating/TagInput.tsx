import { useId, useState, type KeyboardEvent } from 'react'
import { useMessages } from '../i18n/useMessages.ts'

const MAX_TAGS = 5
const MAX_TAG_LENGTH = 30

/** Up to five short tags: type one, Enter or "Hinzufügen", remove with its × button. */
export function TagInput({ tags, onChange }: { tags: readonly string[]; onChange: (tags: string[]) => void }) {
  const { t } = useMessages()
  const [text, setText] = useState('')
  const id = useId()
  const full = tags.length >= MAX_TAGS

  function add() {
    const tag = text.trim()
    if (!tag || full) return
    if (!tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) onChange([...tags, tag])
    setText('')
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter would submit the whole profile form; here it means "add this tag".
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      add()
    }
  }

  return (
    <div className="sd-field">
      <label htmlFor={id}>{t('profile.tags')}</label>
      {tags.length > 0 && (
        <ul className="sd-tags">
          {tags.map((tag) => (
            <li key={tag} className="sd-tag">
              {tag}
              <button type="button" className="sd-tag__remove" aria-label={t('profile.tagRemove', { tag })} onClick={() => onChange(tags.filter((x) => x !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <small className="sd-hint">{t('profile.tagsFull')}</small>
      ) : (
        <div className="sd-inline">
          <input id={id} value={text} maxLength={MAX_TAG_LENGTH} placeholder={t('profile.tagPlaceholder')} onChange={(e) => setText(e.target.value)} onKeyDown={handleKeyDown} />
          <button type="button" className="sd-button" onClick={add} disabled={!text.trim()}>
            {t('profile.tagAdd')}
          </button>
        </div>
      )}
    </div>
  )
}
