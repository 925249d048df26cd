import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const serverUrl = `http://127.0.0.1:${process.env.PORT ?? 3000}`

/**
 * Vendor code in named chunks: cached across our releases, and the build report shows what is ours.
 * Each group holds only what one kind of page needs, since a page that needs one module of a group
 * loads all of it: the join page and the lobby need React and our signals, never tldraw nor Yjs.
 * What no group names goes where Rolldown's own splitting puts it.
 */
const CHUNK_GROUPS = [
  // Every page needs these. Vite's preload helper goes with them: tldraw imports it too, and a group takes its
  // members' dependencies along, so left alone it would land in the tldraw chunk and every page would load tldraw.
  { name: 'react', priority: 5, test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|vite[\\/]preload-helper/ },
  // The signals that hold the user's preferences on every page, captured before the tldraw group can take them.
  { name: 'signals', priority: 4, test: /node_modules[\\/]@tldraw[\\/](state|state-react)[\\/]/ },
  { name: 'sync', priority: 2, test: /node_modules[\\/](yjs|y-websocket|y-indexeddb|y-protocols|y-utility|lib0)[\\/]/ },
  { name: 'tldraw', priority: 1, test: /node_modules[\\/](tldraw|@tldraw[\\/][^\\/]+|@tiptap[\\/][^\\/]+|prosemirror-[^\\/]+)[\\/]/ },
]

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // tldraw alone is ~1.8 MB minified; the warning would fire on every build without telling us anything.
    chunkSizeWarningLimit: 2_500,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } },
  },
  resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
  // Vite 8's dev pre-bundling fails on @tldraw/assets' `?url` imports; production builds are unaffected.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    proxy: {
      '/api': serverUrl,
      '/healthz': serverUrl,
      '/yjs': { target: serverUrl.replace('http', 'ws'), ws: true },
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
})
