import { SIDE_INFO } from '../../../../shared/sides.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopSnapshot } from '../../workshop/WorkshopConnection.ts'

/** Who is here, live: raised hands first, then by name; sides by letter, never by colour alone. */
export function RosterPanel({ snapshot }: { snapshot: WorkshopSnapshot }) {
  const { t, locale } = useMessages()
  const roster = [...(snapshot.roster ?? [])].sort(
    (a, b) => Number(b.handRaised) - Number(a.handRaised) || (a.name ?? '').localeCompare(b.name ?? '', locale),
  )
  return (
    <section className="roster" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('roster.title', { count: roster.length })}</h2>
      <ul className="roster__list" data-testid="roster">
        {roster.map((entry) => (
          <li key={entry.connectionId} className={entry.handRaised ? 'roster__entry roster__entry--hand' : 'roster__entry'}>
            {entry.handRaised && <span aria-label={t('roster.hand')}>✋</span>}
            {entry.side && (
              <span className={`side-badge side-badge--${entry.side}`} title={SIDE_INFO[entry.side].label[locale]}>
                {SIDE_INFO[entry.side].letter}
              </span>
            )}
            <span>{entry.name ?? t('roster.unnamed')}</span>
            <span className="roster__role">{t(`links.role.${entry.role === 'admin' ? 'facilitator' : entry.role}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
