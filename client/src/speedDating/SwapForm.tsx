import { useState, type FormEvent } from 'react'
import type { SpeedDatingRound } from '../../../shared/workshop/index.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { WorkshopConnection } from '../workshop/WorkshopConnection.ts'
import { failureText, type Directory } from './people.ts'
import { nameWithSide } from './RoundPlan.tsx'

/** The facilitator's hand on the current round: two people trade places (tables or sitting out). */
export function SwapForm({ connection, round, directory }: { connection: WorkshopConnection; round: SpeedDatingRound; directory: Directory }) {
  const { t } = useMessages()
  const [a, setA] = useState('')
  const [b, setB] = useState('')
  const [error, setError] = useState<string | null>(null)
  const people = [...round.groups.flatMap((group) => group.members.map((id) => ({ id, table: group.table }))), ...round.sittingOut.map((id) => ({ id, table: null }))]
  const option = (person: { id: string; table: number | null }) => (
    <option key={person.id} value={person.id}>
      {nameWithSide(directory, person.id, t)} – {person.table === null ? t('panel.sitsOut') : t('panel.table', { table: person.table })}
    </option>
  )

  async function swap(event: FormEvent) {
    event.preventDefault()
    const result = await connection.send('speed:swap', { round: round.number, a, b })
    if (result.ok) {
      setA('')
      setB('')
      setError(null)
    } else {
      setError(failureText(result.error, t))
    }
  }

  return (
    <form className="sd-panel__swap" onSubmit={(event) => void swap(event)}>
      <h3>{t('panel.swap')}</h3>
      <div className="sd-inline sd-inline--wrap">
        <label className="sd-field">
          <span>{t('panel.swapFirst')}</span>
          <select value={a} onChange={(e) => setA(e.target.value)}>
            <option value="">{t('panel.swapPick')}</option>
            {people.map(option)}
          </select>
        </label>
        <label className="sd-field">
          <span>{t('panel.swapSecond')}</span>
          <select value={b} onChange={(e) => setB(e.target.value)}>
            <option value="">{t('panel.swapPick')}</option>
            {people.filter((person) => person.id !== a).map(option)}
          </select>
        </label>
        <button type="submit" className="sd-button" disabled={!a || !b || a === b}>
          {t('panel.swapButton')}
        </button>
      </div>
      {error && (
        <p className="sd-status" role="alert" data-kind="failed">
          {error}
        </p>
      )}
    </form>
  )
}
