import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, routeOf } from './App.tsx'
import { loadBoardPage } from './board/loadBoardPage.ts'
import { loadClientConfig } from './config/loadClientConfig.ts'
import { appLocaleFor, translate } from './i18n/messages.ts'
import { registerOfflineShell } from './offline/registerOfflineShell.ts'
import { takeAccessToken } from './access/accessToken.ts'
import { userProfile } from './user/userProfile.ts'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root')
const root = createRoot(container)
const token = takeAccessToken()
registerOfflineShell()
// A board link loads the board's code (tldraw) while the configuration is fetched, not after it,
// and meanwhile opens the board's connection, which needs only Yjs.
const route = routeOf(window.location.pathname)
if (route.page === 'board') {
  loadBoardPage().catch((error: unknown) => console.warn('Ideenschmiede: could not prefetch the board', error))
  import('./collab/earlyBoardConnection.ts').then(
    (early) => early.startBoardConnection(route.boardId, token),
    (error: unknown) => console.warn('Ideenschmiede: could not open the board early', error),
  )
}

loadClientConfig().then(
  (config) => {
    root.render(
      <StrictMode>
        <App config={config} token={token} />
      </StrictMode>,
    )
  },
  (error: unknown) => {
    console.error('Ideenschmiede: could not load the client configuration', error)
    root.render(
      <main className="notice">
        <p>{translate(appLocaleFor(userProfile.preferences.get().locale), 'config.failed')}</p>
      </main>,
    )
  },
)
