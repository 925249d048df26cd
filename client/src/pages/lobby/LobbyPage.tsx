import { useEffect } from 'react'
import { useValue } from '@tldraw/state-react'
import { SIDE_INFO } from '../../../../shared/sides.ts'
import { loadBoardPage } from '../../board/loadBoardPage.ts'
import { useMessages } from '../../i18n/useMessages.ts'
import { PitchStatus } from '../../pitch/PitchStatus.tsx'
import { ProfileCardEditor } from '../../speedDating/ProfileCardEditor.tsx'
import { SpeedDatingView } from '../../speedDating/SpeedDatingView.tsx'
import { userProfile } from '../../user/userProfile.ts'
import { MyDataSection } from '../../privacy/MyDataSection.tsx'
import { PRIVACY_PATH } from '../../privacy/privacyPath.ts'
import { PhaseTimer } from '../../workshop/PhaseTimer.tsx'
import type { EventViewProps } from '../console/ConsolePage.tsx'
import { JoinIdentityForm } from './JoinIdentityForm.tsx'
import { lobbyBoards } from './lobbyBoards.ts'
import { readSide } from './side.ts'

/** The participant's start on a phone: who I am, what happens now, and the boards to open. */
export function LobbyPage({ event, api, connection, snapshot }: EventViewProps) {
  const { t, locale } = useMessages()
  const preferences = useValue('user preferences', () => userProfile.preferences.get(), [])
  const side = readSide(preferences)
  const name = preferences.name
  const color = preferences.color ?? '#1971c2'

  // The board's code (tldraw) loads while the name is typed or the list is read, so the canvas is ready when they are.
  useEffect(() => {
    loadBoardPage().catch((error: unknown) => console.warn('Ideenschmiede: could not prefetch the board', error))
  }, [])

  useEffect(() => {
    if (!name || !side || snapshot.status !== 'online') return
    void connection.send('presence:set', { profile: { name, side, color }, boardId: null })
  }, [connection, name, side, color, snapshot.status])

  if (!name || !side) return <JoinIdentityForm eventTitle={event.title} />

  const boards = lobbyBoards(event.boards, snapshot.state, snapshot.me)
  // While someone pitches, who it is matters more than the speed-dating marks, which can wait further down.
  const pitchRunning = (snapshot.state?.pitch?.current ?? -1) >= 0
  const pitchStatus = <PitchStatus pitch={snapshot.state?.pitch ?? null} directory={snapshot.state?.directory ?? {}} me={snapshot.me} />
  return (
    <main className="page page--narrow lobby">
      <header className="lobby__header">
        <h1 className="page__title">{event.title}</h1>
        <p className="lobby__me">
          <span className={`side-badge side-badge--${side}`}>{SIDE_INFO[side].letter}</span> {name} · {SIDE_INFO[side].label[locale]}
        </p>
      </header>
      <PhaseTimer snapshot={snapshot} agenda={event.agenda} variant="bar" t={t} />
      {event.callUrl && (
        <a className="button button--primary lobby__call" href={event.callUrl} target="_blank" rel="noopener noreferrer" data-testid="call-link">
          {t('lobby.call')}
        </a>
      )}
      {pitchRunning && pitchStatus}
      <SpeedDatingView connection={connection} snapshot={snapshot} callUrl={event.callUrl} />
      {!pitchRunning && pitchStatus}
      <section aria-labelledby="lobby-boards">
        <h2 id="lobby-boards">{t('lobby.boards')}</h2>
        {boards.length === 0 ? (
          <p>{t('lobby.noBoards')}</p>
        ) : (
          <ul className="lobby__boards">
            {boards.map((board) => (
              <li key={board.id}>
                <a className="lobby__board" href={`/b/${board.id}`}>
                  {board.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProfileCardEditor connection={connection} snapshot={snapshot} identity={{ name, side }} />
      <MyDataSection eventId={event.id} api={api} />
      <a className="privacy-link" href={PRIVACY_PATH}>
        {t('privacy.link')}
      </a>
    </main>
  )
}
