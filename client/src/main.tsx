import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

function Placeholder() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
      <h1>Ideenschmiede</h1>
      <p>Der Server läuft. Das Board folgt.</p>
    </main>
  )
}

const root = document.getElementById('root')
if (root) createRoot(root).render(<StrictMode><Placeholder /></StrictMode>)
