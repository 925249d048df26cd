import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import type { ClientConfig } from '../../shared/clientConfig.ts'
import { isBoardId } from '../../shared/boardId.ts'
import { loadBoardPage } from './board/loadBoardPage.ts'
import { useMessages, type Translate } from './i18n/useMessages.ts'
import { JoinPage } from './pages/JoinPage.tsx'
import { PrivacyPage } from './privacy/PrivacyPage.tsx'
import { PRIVACY_PATH } from './privacy/privacyPath.ts'

/*
 * One chunk per route: a phone on the join page or in the lobby never loads
 * tldraw (about 1.8 MB of script), and console and projector code stays off
 * phones. The board chunk is prefetched while the name is typed (see
 * JoinIdentityForm), through the same import, so it is fetched once.
 */
const BoardPage = lazy(() => loadBoardPage().then((module) => ({ default: module.BoardPage })))
const EventPage = lazy(() => import('./pages/EventPage.tsx').then((module) => ({ default: module.EventPage })))
const ProjectorPage = lazy(() => import('./projector/ProjectorPage.tsx').then((module) => ({ default: module.ProjectorPage })))

type Route =
  | { page: 'join' }
  | { page: 'privacy' }
  | { page: 'board'; boardId: string }
  | { page: 'event'; eventId: string }
  | { page: 'projector'; eventId: string }
  | { page: 'unknown' }

const PATTERNS: ReadonlyArray<[RegExp, (id: string) => Route]> = [
  [/^\/b\/([^/]+)\/?$/, (boardId) => ({ page: 'board', boardId })],
  [/^\/e\/([^/]+)\/?$/, (eventId) => ({ page: 'event', eventId })],
  [/^\/projector\/([^/]+)\/?$/, (eventId) => ({ page: 'projector', eventId })],
]

/** Ids in paths have the same form as board ids; anything else is a page that does not exist. */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/join') return { page: 'join' }
  if (pathname === PRIVACY_PATH) return { page: 'privacy' }
  for (const [pattern, route] of PATTERNS) {
    const id = pattern.exec(pathname)?.[1]
    if (id !== undefined) {
      const decoded = decodeURIComponent(id)
      return isBoardId(decoded) ? route(decoded) : { page: 'unknown' }
    }
  }
  return { page: 'unknown' }
}

export function App({ config, token }: { config: ClientConfig; token: string | null }) {
  const { locale, t } = useMessages()
  // Screen readers pick their voice from the page language.
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  const loading = (
    <main className="notice" aria-busy="true">
      <p>{t('pages.loading')}</p>
    </main>
  )
  return <Suspense fallback={loading}>{page(routeOf(window.location.pathname), config, token, t)}</Suspense>
}

function page(route: Route, config: ClientConfig, token: string | null, t: Translate): ReactNode {
  switch (route.page) {
    case 'join':
      return <JoinPage token={token} />
    case 'privacy':
      return <PrivacyPage token={token} />
    case 'board':
      return <BoardPage boardId={route.boardId} token={token} config={config} />
    case 'event':
      return <EventPage eventId={route.eventId} token={token} />
    case 'projector':
      return <ProjectorPage eventId={route.eventId} token={token} licenseKey={config.tldrawLicenseKey} />
    case 'unknown':
      return (
        <main className="notice">
          <h1>{t('board.notFound.title')}</h1>
          <p>{t('board.notFound.body')}</p>
        </main>
      )
  }
}
