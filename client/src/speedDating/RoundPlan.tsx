import type { SpeedDatingRound } from '../../../shared/workshop/index.ts'
import { SIDE_INFO } from '../../../shared/sides.ts'
import { useMessages } from '../i18n/useMessages.ts'
import type { Translate } from '../i18n/useMessages.ts'
import type { Directory } from './people.ts'

/** Every round so far, the running one open with its tables; earlier ones folded. */
export function RoundPlan({ rounds, running, directory }: { rounds: readonly SpeedDatingRound[]; running: boolean; directory: Directory }) {
  const { t } = useMessages()
  if (rounds.length === 0) return <p className="sd-hint">{t('panel.noRounds')}</p>
  return (
    <ol className="sd-plan" reversed>
      {[...rounds].reverse().map((round, index) => {
        const isCurrent = index === 0
        return (
          <li key={round.number} className="sd-plan__round" data-current={isCurrent || undefined}>
            <details open={isCurrent}>
              <summary>
                {t('round.title', { number: round.number })}
                {isCurrent && running && <span className="sd-badge">{t('panel.current')}</span>}
              </summary>
              <ul className="sd-plan__tables">
                {round.groups.map((group) => (
                  <li key={group.table}>
                    <span className="sd-plan__table">{t('panel.table', { table: group.table })}</span>
                    <span>{group.members.map((id) => nameWithSide(directory, id, t)).join(' · ')}</span>
                  </li>
                ))}
              </ul>
              {round.sittingOut.length > 0 && (
                <p className="sd-hint">{t('panel.sittingOut', { names: round.sittingOut.map((id) => nameWithSide(directory, id, t)).join(', ') })}</p>
              )}
            </details>
          </li>
        )
      })}
    </ol>
  )
}

/** "Anna (K)": the side's letter, so the plan reads without colour. */
export function nameWithSide(directory: Directory, id: string, t: Translate): string {
  const entry = directory[id]
  if (!entry) return t('panel.unknownPerson')
  return `${entry.name} (${SIDE_INFO[entry.side].letter})`
}
