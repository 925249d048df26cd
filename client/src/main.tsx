import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
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
