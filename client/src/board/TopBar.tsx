import type { Editor } from 'tldraw'
import type { ConnectionState } from '../collab/index.ts'
import type { AppLocale } from '../i18n/messages.ts'
import type { Translate } from '../i18n/useMessages.ts'
import { userProfile } from '../user/userProfile.ts'
import { PhaseTimer } from '../workshop/PhaseTimer.tsx'
import type { BoardWorkshop } from '../workshop/WorkshopContext.ts'
import { ConnectionIndicator } from './ConnectionIndicator.tsx'
import { ExportMenu } from './ExportMenu.tsx'
import { PhotoButton } from './PhotoButton.tsx'

interface TopBarProps {
  connection: ConnectionState | null
  editor: Editor | null
  canEdit: boolean
  locale: AppLocale
  t: Translate
  /** The event's workshop channel, once the board's event is known: phase and timer. */
  workshop: BoardWorkshop | null
}

/** The slim bar above the canvas: the phase and timer (or the app's name), photo, export, language, connection state. */
export function TopBar({ connection, editor, canEdit, locale, t, workshop }: TopBarProps) {
  const boardTitle = workshop?.event.boards.find((board) => board.id === workshop.boardId)?.title ?? t('app.name')
  const otherLocaleCode = locale === 'de' ? 'EN' : 'DE'
  return (
    <header className="top-bar">
      {workshop ? (
        <div className="top-bar__where">
          <a className="top-bar__back" href={`/e/${encodeURIComponent(workshop.event.id)}`} aria-label={t('board.backToLobby')} title={t('board.backToLobby')} data-testid="back-to-lobby">
            ‹
          </a>
          <div className="top-bar__names">
            <span className="top-bar__board" data-testid="board-title">
              {boardTitle}
            </span>
            <PhaseTimer snapshot={workshop.snapshot} agenda={workshop.event.agenda} variant="bar" t={t} />
          </div>
        </div>
      ) : (
        <span className="top-bar__title">{t('app.name')}</span>
      )}
      <div className="top-bar__actions">
        {workshop?.event.callUrl && (
          <a className="top-bar__button" href={workshop.event.callUrl} target="_blank" rel="noopener noreferrer" data-testid="board-call-link">
            {t('board.call')}
          </a>
        )}
        {editor && canEdit && <PhotoButton editor={editor} t={t} />}
        {editor && <ExportMenu editor={editor} boardTitle={boardTitle} t={t} />}
        {/* The name starts with what the button shows, so someone using voice control can say "EN". */}
        <button
          type="button"
          className="top-bar__button"
          aria-label={`${otherLocaleCode} (${t('language.label')}: ${t('language.switchTo')})`}
          lang={locale === 'de' ? 'en' : 'de'}
          onClick={() => userProfile.update({ locale: locale === 'de' ? 'en' : 'de' })}
        >
          {otherLocaleCode}
        </button>
        {connection && <ConnectionIndicator state={connection} t={t} />}
      </div>
    </header>
  )
}
