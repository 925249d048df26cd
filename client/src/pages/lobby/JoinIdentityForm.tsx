import { useState, type FormEvent } from 'react'
import { SIDES, SIDE_INFO, type Side } from '../../../../shared/sides.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { COLOR_NAME_KEYS } from '../../user/colorNames.ts'
import { USER_COLORS, userProfile } from '../../user/userProfile.ts'
import { readSide, withSide } from './side.ts'

/** Name, colour and side, once per device: the others see the name, notes take the side's colour. */
export function JoinIdentityForm({ eventTitle }: { eventTitle: string }) {
  const { t, locale } = useMessages()
  const current = userProfile.preferences.get()
  const [name, setName] = useState(current.name ?? '')
  const [color, setColor] = useState<string>(current.color ?? USER_COLORS[0])
  const [side, setSide] = useState<Side | null>(readSide(current))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim() || !side) return
    userProfile.setPreferences(withSide({ ...userProfile.preferences.get(), name: name.trim(), color }, side))
  }

  return (
    <main className="page page--narrow">
      <h1 className="page__title">{eventTitle}</h1>
      <form className="stack identity-form" onSubmit={submit}>
        <h2>{t('identity.title')}</h2>
        <label>
          {t('identity.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('identity.namePlaceholder')} maxLength={60} required autoFocus data-testid="lobby-name" />
        </label>
        <fieldset className="side-choice">
          <legend>{t('lobby.side')}</legend>
          {SIDES.map((option) => (
            <label key={option} className={side === option ? 'side-choice__option side-choice__option--chosen' : 'side-choice__option'}>
              <input type="radio" name="side" value={option} checked={side === option} onChange={() => setSide(option)} data-testid={`lobby-side-${option}`} />
              <span className={`side-badge side-badge--${option}`}>{SIDE_INFO[option].letter}</span>
              {SIDE_INFO[option].label[locale]}
            </label>
          ))}
        </fieldset>
        <fieldset className="color-choice">
          <legend>{t('identity.color')}</legend>
          {USER_COLORS.map((option) => (
            <label key={option} className="color-choice__option">
              <input type="radio" name="color" value={option} checked={color === option} onChange={() => setColor(option)} className="visually-hidden" aria-label={t(COLOR_NAME_KEYS[option])} />
              <span className={color === option ? 'color-swatch color-swatch--chosen' : 'color-swatch'} style={{ background: option }} aria-hidden="true" />
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={!name.trim() || !side} data-testid="lobby-submit">
          {t('identity.submit')}
        </button>
      </form>
    </main>
  )
}
