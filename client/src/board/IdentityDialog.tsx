import { useRef, useState, type FormEvent } from 'react'
import { useValue } from 'tldraw'
import { useFocusTrap } from '../a11y/useFocusTrap.ts'
import type { Translate } from '../i18n/useMessages.ts'
import { COLOR_NAME_KEYS } from '../user/colorNames.ts'
import { USER_COLORS, userProfile } from '../user/userProfile.ts'

/** Asked once per device: the name and colour others see on your cursor. */
export function IdentityDialog({ t }: { t: Translate }) {
  const preferences = useValue('preferences', () => userProfile.preferences.get(), [])
  const [name, setName] = useState(preferences.name ?? '')
  const [color, setColor] = useState<string>(preferences.color ?? USER_COLORS[0])
  const dialog = useRef<HTMLFormElement>(null)
  useFocusTrap(dialog)

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed) userProfile.update({ name: trimmed, color })
  }

  return (
    <div className="dialog-backdrop">
      <form ref={dialog} className="dialog" role="dialog" aria-modal="true" onSubmit={handleSubmit} aria-labelledby="identity-title">
        <h1 id="identity-title" className="dialog__title">
          {t('identity.title')}
        </h1>
        <label className="dialog__label" htmlFor="identity-name">
          {t('identity.name')}
        </label>
        <input
          id="identity-name"
          className="dialog__input"
          value={name}
          maxLength={40}
          autoComplete="nickname"
          autoFocus
          placeholder={t('identity.namePlaceholder')}
          onChange={(event) => setName(event.target.value)}
        />
        <fieldset className="dialog__colors">
          <legend className="dialog__label">{t('identity.color')}</legend>
          {USER_COLORS.map((option) => (
            <label key={option} className="swatch" style={{ background: option }}>
              <input
                type="radio"
                name="color"
                value={option}
                checked={color === option}
                aria-label={t(COLOR_NAME_KEYS[option])}
                onChange={() => setColor(option)}
              />
            </label>
          ))}
        </fieldset>
        <button type="submit" className="dialog__submit" disabled={name.trim() === ''}>
          {t('identity.submit')}
        </button>
      </form>
    </div>
  )
}
