import { useState, type FormEvent } from 'react'
import type { SpeedDatingSettings } from '../../../shared/workshop/index.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { WorkshopConnection } from '../workshop/WorkshopConnection.ts'
import { failureText } from './people.ts'

const DEFAULT_SETTINGS: SpeedDatingSettings = { roundMs: 5 * 60_000, imbalance: 'sit-out', institutionsAs: 'either' }
const MIN_MINUTES = 0.5
const MAX_MINUTES = 60

/** Round length, what happens when the sides are uneven, and where institutions sit. */
export function SpeedDatingSettingsForm({ connection, settings }: { connection: WorkshopConnection; settings: SpeedDatingSettings | undefined }) {
  const { t } = useMessages()
  const current = settings ?? DEFAULT_SETTINGS
  const [minutes, setMinutes] = useState(String(current.roundMs / 60_000))
  const [imbalance, setImbalance] = useState(current.imbalance)
  const [institutionsAs, setInstitutionsAs] = useState(current.institutionsAs)
  const [status, setStatus] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  const [dirty, setDirty] = useState(false)
  const [seen, setSeen] = useState(current)
  // Another facilitator may apply settings too; show theirs unless this form is being edited.
  if (current.roundMs !== seen.roundMs || current.imbalance !== seen.imbalance || current.institutionsAs !== seen.institutionsAs) {
    setSeen(current)
    if (!dirty) {
      setMinutes(String(current.roundMs / 60_000))
      setImbalance(current.imbalance)
      setInstitutionsAs(current.institutionsAs)
    }
  }
  const edited = <V,>(set: (value: V) => void) => (value: V) => {
    set(value)
    setDirty(true)
    setStatus(null)
  }

  async function apply(event: FormEvent) {
    event.preventDefault()
    const parsed = Number(minutes.replace(',', '.'))
    const clamped = Number.isFinite(parsed) ? Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, parsed)) : current.roundMs / 60_000
    setMinutes(String(clamped))
    const result = await connection.send('speed:configure', { roundMs: Math.round(clamped * 60_000), imbalance, institutionsAs })
    setFailed(!result.ok)
    if (result.ok) setDirty(false)
    setStatus(result.ok ? t('panel.settingsSaved') : failureText(result.error, t))
  }

  return (
    <form className="sd-panel__settings" onSubmit={(event) => void apply(event)}>
      <label className="sd-field">
        <span>{t('panel.roundMinutes')}</span>
        <input type="number" min={MIN_MINUTES} max={MAX_MINUTES} step={0.5} value={minutes} onChange={(e) => edited(setMinutes)(e.target.value)} />
      </label>
      <fieldset className="sd-field">
        <legend>{t('panel.imbalance')}</legend>
        <Choice name="sd-imbalance" value="sit-out" current={imbalance} onPick={edited(setImbalance)} label={t('panel.imbalanceSitOut')} />
        <Choice name="sd-imbalance" value="trio" current={imbalance} onPick={edited(setImbalance)} label={t('panel.imbalanceTrio')} />
      </fieldset>
      <fieldset className="sd-field">
        <legend>{t('panel.institutionsAs')}</legend>
        <Choice name="sd-institutions" value="kreative" current={institutionsAs} onPick={edited(setInstitutionsAs)} label={t('panel.institutionsKreative')} />
        <Choice name="sd-institutions" value="unternehmen" current={institutionsAs} onPick={edited(setInstitutionsAs)} label={t('panel.institutionsUnternehmen')} />
        <Choice name="sd-institutions" value="either" current={institutionsAs} onPick={edited(setInstitutionsAs)} label={t('panel.institutionsEither')} />
      </fieldset>
      <div className="sd-actions">
        <button type="submit" className="sd-button">
          {t('panel.saveSettings')}
        </button>
        <p className="sd-status" role="status" data-kind={failed ? 'failed' : 'idle'}>
          {status}
        </p>
      </div>
    </form>
  )
}

function Choice<V extends string>({ name, value, current, onPick, label }: { name: string; value: V; current: V; onPick: (value: V) => void; label: string }) {
  return (
    <label className="sd-check">
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => onPick(value)} />
      {label}
    </label>
  )
}
