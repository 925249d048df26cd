import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const serverUrl = `http://127.0.0.1:${process.env.PORT ?? 3000}`

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true },
  resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
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
