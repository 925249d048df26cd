import { useEffect, useRef } from 'react'
import type { SpeedDatingRound } from '../../../shared/workshop/index.ts'
import { pairCallUrl } from '../../../shared/callRooms.ts'
import { useMessages } from '../i18n/useMessages.ts'
import { formatMinutes } from '../workshop/formatMinutes.ts'
import { useRoundRemaining } from '../workshop/useWorkshop.ts'
import type { WorkshopConnection, WorkshopSnapshot } from '../workshop/WorkshopConnection.ts'
import { MatchMarks } from './MatchMarks.tsx'
import { personLabel, type Directory } from './people.ts'
import './speedDating.css'

export interface SpeedDatingViewProps {
  connection: WorkshopConnection
  snapshot: WorkshopSnapshot
  /** The event's video call, at an online event: each pair may get a room of its own. */
  callUrl: string | null
}

/**
 * Speed-dating for one participant: whom I meet now and where, the round's
 * time, and afterwards my private follow-up marks and my matches. Shows
 * nothing before the first round.
 */
export function SpeedDatingView({ connection, snapshot, callUrl }: SpeedDatingViewProps) {
  const rounds = snapshot.state?.speedDating?.rounds ?? []
  const me = snapshot.me
  const current = rounds.at(-1)
  // Only a running round shows its table; once it is over, a later pitch or workshop timer does not bring it back.
  const running = current !== undefined && snapshot.state?.speedDating?.status === 'running'
  const section = useRef<HTMLElement>(null)
  const runningRound = running ? current.number : null
  // Someone filling in their profile further down would miss the call to their table; a new round comes into view once.
  useEffect(() => {
    if (runningRound !== null) section.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }, [runningRound])
  if (!current || !me) return null
  const directory = snapshot.state?.directory ?? {}
  const finished = running ? rounds.slice(0, -1) : rounds
  return (
    <section className="sd-view" aria-labelledby="sd-view-title" ref={section}>
      <h2 id="sd-view-title">{running ? <RoundTitle number={current.number} /> : <MetTitle />}</h2>
      {running && <CurrentRound round={current} me={me} directory={directory} snapshot={snapshot} callUrl={callUrl} />}
      <MatchMarks connection={connection} snapshot={snapshot} me={me} partners={partnersOf(finished, me)} />
    </section>
  )
}

function RoundTitle({ number }: { number: number }) {
  const { t } = useMessages()
  return <>{t('round.title', { number })}</>
}

function MetTitle() {
  const { t } = useMessages()
  return <>{t('speedDating.title')}</>
}

function CurrentRound({ round, me, directory, snapshot, callUrl }: { round: SpeedDatingRound; me: string; directory: Directory; snapshot: WorkshopSnapshot; callUrl: string | null }) {
  const { t } = useMessages()
  const remaining = useRoundRemaining(snapshot)
  const group = round.groups.find((candidate) => candidate.members.includes(me))
  const others = group?.members.filter((id) => id !== me) ?? []
  const pairCall = callUrl && group ? pairCallUrl(callUrl, round.number, group.table) : null
  return (
    <div className="sd-round" data-testid="speed-round">
      {group ? (
        <>
          <p className="sd-round__next">
            <span className="sd-round__lead">{t('round.nextTalk')}</span>{' '}
            <strong data-testid="speed-partners">{others.map((id) => personLabel(directory, id, t)).join(` ${t('round.and')} `)}</strong>
            {', '}
            <strong className="sd-round__table">{t('round.table', { table: group.table })}</strong>
          </p>
          {others.map((id) => (
            <PartnerCard key={id} entry={directory[id]} />
          ))}
          <a className="sd-button" href={`/b/${encodeURIComponent(group.boardId)}`} target="_blank" rel="noreferrer">
            {t('round.openBoard')}
          </a>
          <small className="sd-hint">{t('round.openBoardHint')}</small>
          {pairCall && (
            <a className="sd-button sd-button--primary" href={pairCall} target="_blank" rel="noopener noreferrer" data-testid="pair-call">
              {t('round.pairCall')}
            </a>
          )}
        </>
      ) : (
        <p className="sd-round__next">{round.sittingOut.includes(me) ? t('round.sittingOut') : t('round.notIncluded')}</p>
      )}
      {remaining !== null && (
        <p className="sd-round__timer" role="timer" aria-live="off" data-testid="speed-timer">
          {remaining > 0 ? t('round.timeLeft', { time: formatMinutes(remaining) }) : t('round.over')}
        </p>
      )}
    </div>
  )
}

/** What the partner offers and looks for, so the talk can start where it matters. */
function PartnerCard({ entry }: { entry: Directory[string] | undefined }) {
  const { t } = useMessages()
  if (!entry || (!entry.offer && !entry.seek && entry.tags.length === 0)) return null
  return (
    <dl className="sd-partner" data-testid="speed-partner-card">
      {entry.offer && (
        <>
          <dt>{t('round.offers')}</dt>
          <dd>{entry.offer}</dd>
        </>
      )}
      {entry.seek && (
        <>
          <dt>{t('round.seeks')}</dt>
          <dd>{entry.seek}</dd>
        </>
      )}
      {entry.tags.length > 0 && <dd className="sd-partner__tags">{entry.tags.map((tag) => `#${tag}`).join(' ')}</dd>}
    </dl>
  )
}

/** Everyone I shared a table with in the given rounds, first meeting first, each once. */
function partnersOf(rounds: readonly SpeedDatingRound[], me: string): string[] {
  const seen = new Set<string>()
  for (const round of rounds) {
    for (const group of round.groups) {
      if (!group.members.includes(me)) continue
      for (const id of group.members) if (id !== me) seen.add(id)
    }
  }
  return [...seen]
}
