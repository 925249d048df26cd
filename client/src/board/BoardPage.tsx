import 'tldraw/tldraw.css'
import { useEffect, useMemo, useState } from 'react'
import { Tldraw, useTldrawCurrentUser, useValue, type Editor } from 'tldraw'
import type { ClientConfig } from '../../../shared/clientConfig.ts'
import { useOpenBoard, type OpenBoard } from '../collab/index.ts'
import { useMessages, type Translate } from '../i18n/useMessages.ts'
import { canReloadOffline } from '../offline/registerOfflineShell.ts'
import { userProfile } from '../user/userProfile.ts'
import { tldrawUser } from './tldrawUser.ts'
import { ArrivalCanvas } from './ArrivalCanvas.tsx'
import { ASSET_URLS } from './assetUrls.ts'
import { CollaboratorCursor } from './cursors/CollaboratorCursor.tsx'
import { createBoardAssetStore } from './boardAssetStore.ts'
import { MAX_IMAGE_DIMENSION_PX } from './downscaleImage.ts'
import { PATTERN_FILL_SHAPE_UTILS } from './patternFills.tsx'
import { IdentityDialog } from './IdentityDialog.tsx'
import { isMissingRequiredLicense } from './licenseRequirement.ts'
import { TopBar } from './TopBar.tsx'
import { useArrivalCamera } from './useArrivalCamera.ts'
import { WORKSHOP_UI_OVERRIDES, WorkshopToolbar } from './WorkshopToolbar.tsx'
import { BoardWorkshopLayer } from '../workshop/BoardWorkshopLayer.tsx'
import { useBoardWorkshop } from '../workshop/useBoardWorkshop.ts'
import { usePrivateNotes } from '../workshop/usePrivateNotes.ts'
import { VoteBadges } from '../workshop/voting/VoteBadges.tsx'
import { BoardWorkshopContext } from '../workshop/WorkshopContext.ts'

/** The server checks the same list by content; SVG is left out because it can carry script. */
const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']
const NO_VIDEO: string[] = []
/** Dot badges sit over the notes; tldraw renders these slots in its own editor context. */
const CANVAS_COMPONENTS = { Canvas: ArrivalCanvas, InFrontOfTheCanvas: VoteBadges, Toolbar: WorkshopToolbar, CollaboratorCursor }

interface BoardPageProps {
  boardId: string
  token: string | null
  config: ClientConfig
}

export function BoardPage({ boardId, token, config }: BoardPageProps) {
  const { locale, t } = useMessages()
  const assets = useMemo(() => createBoardAssetStore(boardId, token), [boardId, token])
  const board = useOpenBoard({ boardId, token, assets, user: tldrawUser, firstPageName: t('board.firstPageName') })
  const hasName = useValue('has chosen a name', () => tldrawUser.get() !== null, [])
  const [editor, setEditor] = useState<Editor | null>(null)
  const opened = board.status === 'ready' ? board.board : null
  const connection = useValue('connection state', () => opened?.connection.state.get() ?? null, [opened])
  const workshop = useBoardWorkshop(boardId, token)
  const versions = useMemo(() => ({ token, licenseKey: config.tldrawLicenseKey }), [token, config.tldrawLicenseKey])
  usePrivateNotes(opened, token, workshop)
  useArrivalCamera(editor, opened, workshop)
  const isFacilitator = workshop?.isFacilitator ?? false
  useEffect(() => {
    opened?.showAsFacilitator(isFacilitator)
  }, [opened, isFacilitator])
  useEffect(() => {
    // Nothing more can be stored on a full board; an edit that only stays on this phone would mislead.
    if (editor && connection === 'full') editor.updateInstanceState({ isReadonly: true })
  }, [editor, connection])

  if (isMissingRequiredLicense(window.location, config.tldrawLicenseKey)) {
    return <LicenseNotice t={t} />
  }

  const canEdit = opened?.access.mode === 'readwrite' && connection !== 'full'
  return (
    <BoardWorkshopContext.Provider value={workshop}>
    <div className="board-page">
      <TopBar connection={connection} editor={editor} canEdit={canEdit} locale={locale} t={t} workshop={workshop} />
      {connection === 'offline' && (
        // Without the service worker (plain HTTP on a LAN) a reload now would end on the browser's error page.
        <Banner tone="calm" text={t(canReloadOffline() ? 'connection.offline' : 'connection.offlineNoReload')} testId="offline-banner" />
      )}
      {connection === 'refused' && <Banner tone="alert" text={t('connection.refused')} testId="refused-banner" />}
      {connection === 'full' && <Banner tone="alert" text={t('connection.full')} testId="board-full-banner" />}
      {opened?.access.mode === 'readonly' && <Banner tone="alert" text={t('board.readonly.newerSchema')} testId="readonly-banner" />}
      <main className="board-canvas">
        {opened ? (
          <BoardCanvas board={opened} licenseKey={config.tldrawLicenseKey} maxAssetBytes={config.assetMaxBytes} onEditor={setEditor} />
        ) : (
          <p className="board-loading" role="status">
            {board.status === 'error' ? t('config.failed') : t('board.loading')}
          </p>
        )}
        {workshop && editor && <BoardWorkshopLayer workshop={workshop} editor={editor} canEdit={canEdit} versions={versions} />}
      </main>
      {!hasName && <IdentityDialog t={t} />}
    </div>
    </BoardWorkshopContext.Provider>
  )
}

interface BoardCanvasProps {
  board: OpenBoard
  licenseKey: string | null
  maxAssetBytes: number
  onEditor(editor: Editor | null): void
}

function BoardCanvas({ board, licenseKey, maxAssetBytes, onEditor }: BoardCanvasProps) {
  const user = useTldrawCurrentUser({ userPreferences: userProfile.preferences, setUserPreferences: userProfile.setPreferences })
  return (
    <Tldraw
      store={board.store}
      shapeUtils={PATTERN_FILL_SHAPE_UTILS}
      user={user}
      licenseKey={licenseKey ?? undefined}
      assetUrls={ASSET_URLS}
      maxImageDimension={MAX_IMAGE_DIMENSION_PX}
      maxAssetSize={maxAssetBytes}
      acceptedImageMimeTypes={ACCEPTED_IMAGE_TYPES}
      acceptedVideoMimeTypes={NO_VIDEO}
      components={CANVAS_COMPONENTS}
      overrides={WORKSHOP_UI_OVERRIDES}
      onMount={(editor) => {
        onEditor(editor)
        return () => onEditor(null)
      }}
    />
  )
}

function Banner({ tone, text, testId }: { tone: 'calm' | 'alert'; text: string; testId: string }) {
  return (
    <p className="banner" data-tone={tone} role="status" data-testid={testId}>
      {text}
    </p>
  )
}

function LicenseNotice({ t }: { t: Translate }) {
  return (
    <main className="notice" data-testid="license-notice">
      <h1>{t('license.title')}</h1>
      <p>{t('license.body')}</p>
      <p>{t('license.action')}</p>
    </main>
  )
}
