import type { SpeedDatingRound } from '../../../shared/workshop/index.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { personLabel, type Directory } from '../speedDating/people.ts'

/** Few tables get big type with one name per line; a full room's forty tables still have to fit on one screen. */
function planSize(tables: number): 'large' | 'medium' | 'compact' {
  if (tables <= 6) return 'large'
  return tables <= 16 ? 'medium' : 'compact'
}

/** During a speed-dating round the room needs to find its tables: table number and names, large enough for the back row. */
export function ProjectorTablePlan({ round, directory }: { round: SpeedDatingRound; directory: Directory }) {
  const { t } = useMessages()
  return (
    <section className="projector-plan" data-size={planSize(round.groups.length)} aria-labelledby="projector-plan-title" data-testid="projector-table-plan">
      <h1 id="projector-plan-title">{t('projector.tablePlan', { number: round.number })}</h1>
      <ol className="projector-plan__tables">
        {round.groups.map((group) => (
          <li key={group.table} className="projector-plan__table">
            <span className="projector-plan__number">{t('round.table', { table: group.table })}</span>
            <span className="projector-plan__names">
              {group.members.map((id, index) => (
                <span key={id} className="projector-plan__name">
                  {index > 0 && <span className="projector-plan__and"> × </span>}
                  {personLabel(directory, id, t)}
                </span>
              ))}
            </span>
          </li>
        ))}
      </ol>
      {round.sittingOut.length > 0 && <p className="projector-plan__out">{t('projector.sittingOut', { names: round.sittingOut.map((id) => personLabel(directory, id, t)).join(', ') })}</p>}
    </section>
  )
}
