import { SIDE_INFO } from '../../../../shared/sides.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import type { WorkshopSnapshot } from '../../workshop/WorkshopConnection.ts'
import { rosterPeople } from './rosterPeople.ts'

/** Who is here, live: the participants (one line per person, raised hands first), then how many screens the facilitators and the projector have open. */
export function RosterPanel({ snapshot }: { snapshot: WorkshopSnapshot }) {
  const { t, locale } = useMessages()
  const { people, projectors, facilitators } = rosterPeople(snapshot.roster ?? [], locale)
  return (
    <section className="roster" aria-labelledby="roster-title">
      <h2 id="roster-title">{t('roster.title', { count: people.length })}</h2>
      <ul className="roster__list" data-testid="roster">
        {people.map((person) => (
          <li key={person.personId} className={person.handRaised ? 'roster__entry roster__entry--hand' : 'roster__entry'}>
            {person.handRaised && <span aria-label={t('roster.hand')}>✋</span>}
            {person.side && (
              <span className={`side-badge side-badge--${person.side}`} title={SIDE_INFO[person.side].label[locale]}>
                {SIDE_INFO[person.side].letter}
              </span>
            )}
            <span>{person.name ?? t('roster.unnamed')}</span>
          </li>
        ))}
      </ul>
      <p className="roster__screens" data-testid="roster-screens">
        {t('roster.screens', { facilitators, projectors })}
      </p>
    </section>
  )
}
