import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const serverUrl = `http://127.0.0.1:${process.env.PORT ?? 3000}`

/** Vendor code in named chunks (tldraw takes every other dependency): cached across our releases, and the build report shows what is ours. */
const CHUNK_GROUPS = [
  { name: 'react', priority: 3, test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'sync', priority: 2, test: /node_modules[\\/](yjs|y-websocket|y-indexeddb|y-protocols|y-utility|lib0|zod)[\\/]/ },
  { name: 'tldraw', priority: 1, test: /node_modules[\\/]/ },
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
