import fs from 'node:fs'
import path from 'node:path'
import express from 'express'
import expressStaticGzip from 'express-static-gzip'

/**
 * The built client. Its text files were compressed at build time
 * (scripts/precompress.ts); each request gets the Brotli or gzip copy its
 * browser accepts, with `Vary: Accept-Encoding` for caches in between.
 * Hashed files under /assets never change, so phones keep them for a year
 * and do not ask again on a reload over a flaky Wi-Fi.
 */
export function serveClient(app: express.Express, clientDir: string): void {
  const indexHtml = path.join(clientDir, 'index.html')
  const precompressed = { enableBrotli: true, orderPreference: ['br', 'gzip'], index: false as const }
  app.use(
    '/assets',
    expressStaticGzip(path.join(clientDir, 'assets'), {
      ...precompressed,
      serveStatic: { immutable: true, maxAge: '1y', fallthrough: false, index: false },
    }),
  )
  app.use(expressStaticGzip(clientDir, { ...precompressed, serveStatic: { index: false } }))
  // index.html names the hashed files, so it is checked on every load; at under 1 KB the compression middleware leaves it plain.
  app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
    if (fs.existsSync(indexHtml)) {
      res.set('Cache-Control', 'no-cache').sendFile(indexHtml)
    } else {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build` (npm start does it for you).')
    }
  })
}
