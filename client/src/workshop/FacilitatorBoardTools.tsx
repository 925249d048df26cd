import { useCallback, useState } from 'react'
import type { Editor } from 'tldraw'
import { useMessages } from '../i18n/useMessages.ts'
import { rosterPeople } from '../pages/console/rosterPeople.ts'
import { VersionsControls, type VersionsAccess } from '../versions/VersionsControls.tsx'
import { BreakoutControls } from './controls/BreakoutControls.tsx'
import { LockControls } from './controls/LockControls.tsx'
import { SilentRoundControls } from './controls/SilentRoundControls.tsx'
import { SpotlightControls } from './controls/SpotlightControls.tsx'
import { TimerControls } from './controls/TimerControls.tsx'
import { VoteControls } from './controls/VoteControls.tsx'
import type { BoardWorkshop } from './WorkshopContext.ts'

/** The moderation panel on a board: what the console offers, for this board and this view. */
export function FacilitatorBoardTools({ workshop, editor, versions }: { workshop: BoardWorkshop; editor: Editor; versions: VersionsAccess }) {
  const { t, locale } = useMessages()
  const [open, setOpen] = useState(false)
  const { connection, snapshot, boardId } = workshop
  const onVersionsChanged = useCallback((listener: (boardId: string) => void) => connection.onBoardVersionsChanged(listener), [connection])
  const hands = rosterPeople(snapshot.roster ?? [], locale).people.filter((person) => person.handRaised)
  return (
    <div className="workshop-tools" data-open={open || undefined}>
      {hands.length > 0 && (
        <p className="workshop-tools__hands" role="status" data-testid="raised-hands">
          <span aria-hidden="true">✋</span> {t('workshop.hands', { names: hands.map((person) => person.name ?? t('roster.unnamed')).join(', ') })}
        </p>
      )}
      <button type="button" className="workshop-tools__toggle" aria-expanded={open} aria-controls="workshop-tools-panel" data-testid="moderation-toggle" onClick={() => setOpen(!open)}>
        {t('workshop.tools.title')}
      </button>
      {open && (
        <div id="workshop-tools-panel" className="workshop-tools__panel" data-testid="moderation-panel">
          <TimerControls connection={connection} snapshot={snapshot} />
          <SpotlightControls connection={connection} snapshot={snapshot} boardId={boardId} editor={editor} />
          <LockControls connection={connection} snapshot={snapshot} boardId={boardId} />
          <SilentRoundControls connection={connection} snapshot={snapshot} boardId={boardId} />
          <VoteControls connection={connection} snapshot={snapshot} boardId={boardId} />
          <BreakoutControls connection={connection} snapshot={snapshot} boardId={boardId} editor={editor} />
          <VersionsControls boardId={boardId} access={versions} onVersionsChanged={onVersionsChanged} />
        </div>
      )}
    </div>
  )
}
