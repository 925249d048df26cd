/**
 * Figures for the board client, printed, not asserted:
 *   npx tsx bench/clientFigures.ts
 * 1. built JS: total and initial gzip size, and our share beside tldraw;
 * 2. navigation → first rendered board with 0 and 2,000 shapes (headless Chromium);
 * 3. Y.Doc size after 10,000 moves of the same 100 shapes vs the live state;
 * 4. board document size with 50 photos vs without.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import {
  AssetRecordType,
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  getIndices,
  PageRecordType,
  toRichText,
  type IndexKey,
  type TLGeoShape,
  type TLImageShape,
  type TLPageId,
} from 'tldraw'
import * as Y from 'yjs'
import { YjsStoreBinding } from '../client/src/collab/YjsStoreBinding.ts'
import { buildClient, isClientBuildStale } from '../scripts/clientBuild.ts'
import { connectBoard } from '../tests/support/boardClient.ts'
import { startTestServer } from '../tests/support/testServer.ts'
import { until } from '../tests/support/until.ts'
import { launchChromium } from '../tests/e2e/support/chromium.ts'

const root = path.resolve(import.meta.dirname, '..')
const clientDir = path.join(root, 'dist/client')
const PAGE_ID = 'page:page' as TLPageId
const INDICES: IndexKey[] = getIndices(2_001)

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}

function rectangle(n: number, x: number, y: number): TLGeoShape {
  return {
    id: createShapeId(`r${n}`),
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index: INDICES[n + 1]!,
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 80, h: 50, geo: 'rectangle', dash: 'draw', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
      color: 'black', labelColor: 'black', fill: 'none', size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle',
      richText: toRichText(''),
    },
  }
}

function boundStore(doc: Y.Doc) {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  const binding = new YjsStoreBinding(store, doc)
  store.put([PageRecordType.create({ id: PAGE_ID, name: 'Seite 1', index: 'a1' as never })])
  return { store, binding }
}

function bundleFigures(): void {
  if (isClientBuildStale() && !buildClient()) throw new Error('client build failed')
  const html = fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8')
  const initial = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((match) => match[1]))
  const files = fs.readdirSync(path.join(clientDir, 'assets')).filter((file) => file.endsWith('.js'))
  let total = 0
  let totalGzip = 0
  let initialGzip = 0
  const byChunk = new Map<string, number>()
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(clientDir, 'assets', file))
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length
    total += bytes.length
    totalGzip += gzip
    if (initial.has(file)) initialGzip += gzip
    const chunk = file.replace(/-[\w-]{8}\.js$/, '')
    byChunk.set(chunk, (byChunk.get(chunk) ?? 0) + gzip)
  }
  console.log('\n## Built JS (dist/client/assets, gzip -9)')
  console.log(`total: ${kib(total)} raw, ${kib(totalGzip)} gzip in ${files.length} files; initial load: ${kib(initialGzip)} gzip`)
  for (const [chunk, gzip] of [...byChunk].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${chunk.padEnd(18)} ${kib(gzip).padStart(11)}  ${((gzip / totalGzip) * 100).toFixed(1)} %`)
  }
}

async function renderFigures(): Promise<void> {
  const server = await startTestServer()
  const browser = await launchChromium()
  console.log('\n## Navigation → first rendered board (headless Chromium, fresh context each, median of 5)')
  console.log(`  load average before: ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} on ${os.cpus().length} cores`)
  try {
    for (const shapeCount of [0, 2_000]) {
      const boardId = await server.createBoard(`Figures ${shapeCount}`)
      const token = await server.participantToken()
      const seeder = connectBoard(server.wsUrl, boardId, token)
      const { store, binding } = boundStore(seeder.doc)
      store.put(Array.from({ length: shapeCount }, (_, n) => rectangle(n, (n % 50) * 100, Math.floor(n / 50) * 70)))
      await until(() => seeder.provider.synced, 'seeder sync', 20_000)
      const room = await server.server.registry.open(boardId)
      await until(() => room.doc.getArray('tl_records').length >= shapeCount + 1, 'server to hold the board', 20_000)
      await room.whenWritten()
      binding.destroy()
      seeder.destroy()

      const timings: number[] = []
      const mainThreadMs: number[] = []
      for (let run = 0; run < 5; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
        await context.addInitScript(() => localStorage.setItem('ideenschmiede.user', JSON.stringify({ id: 'bench', name: 'Bench', color: '#1971c2', locale: 'de' })))
        const page = await context.newPage()
        // The page's main thread's CPU time (thread ticks) as well: on a shared machine the wall time also counts
        // the time the renderer waited for a core, and this figure does not.
        const cdp = await context.newCDPSession(page)
        await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
        await page.goto(`${server.httpUrl}/b/${boardId}?token=${token}`)
        // tldraw keeps every shape in the DOM and hides those outside the viewport (display: none), so counting
        // .tl-shape elements would pass while the shapes in view are still hidden, e.g. before the arrival camera
        // has moved. The board counts as rendered once its canvas is drawn (not tldraw's empty placeholder) and
        // the shapes in view are shown: here all of them, since arrival fits the whole grid in the viewport.
        await page
          .waitForFunction(
            (expected) =>
              document.querySelector('.tl-canvas .tl-shapes') !== null &&
              Array.from(document.querySelectorAll<HTMLElement>('.tl-shape')).filter((shape) => shape.style.display !== 'none').length >= expected,
            shapeCount,
            { timeout: 60_000, polling: 'raf' },
          )
          .catch(async (error: unknown) => {
            const rendered = await page.evaluate(() => document.querySelectorAll('.tl-shape').length)
            await page.screenshot({ path: path.join(os.tmpdir(), 'client-figures-timeout.png') })
            throw new Error(`board with ${shapeCount} shapes rendered only ${rendered}`, { cause: error })
          })
        timings.push(await page.evaluate(() => performance.now()))
        const { metrics } = await cdp.send('Performance.getMetrics')
        mainThreadMs.push((metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN) * 1000)
        await context.close()
      }
      timings.sort((a, b) => a - b)
      mainThreadMs.sort((a, b) => a - b)
      console.log(
        `  ${String(shapeCount).padStart(5)} shapes: median ${Math.round(timings[2]!)} ms (min ${Math.round(timings[0]!)}, max ${Math.round(timings[4]!)}); ` +
          `main-thread CPU median ${Math.round(mainThreadMs[2]!)} ms`,
      )
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

function docGrowthFigures(): void {
  const doc = new Y.Doc()
  const { store } = boundStore(doc)
  const shapes = Array.from({ length: 100 }, (_, n) => rectangle(n, n * 10, 0))
  store.put(shapes)
  for (let move = 0; move < 10_000; move++) {
    const n = move % 100
    store.update(createShapeId(`r${n}`), (shape) => ({ ...shape, x: shape.x + 1, y: (move * 7) % 500 }))
  }
  const afterMoves = Y.encodeStateAsUpdate(doc).length

  const fresh = new Y.Doc()
  const live = boundStore(fresh)
  live.store.put(store.allRecords().filter((record) => record.typeName === 'shape'))
  const liveState = Y.encodeStateAsUpdate(fresh).length
  const liveJson = JSON.stringify(store.allRecords().filter((record) => ['shape', 'page', 'document'].includes(record.typeName))).length

  console.log('\n## Y.Doc size after 10,000 moves of the same 100 shapes (YKeyValue)')
  console.log(`  after moves: ${kib(afterMoves)}; live state written once: ${kib(liveState)} (records as JSON: ${kib(liveJson)})`)
  console.log(`  ratio: ${(afterMoves / liveState).toFixed(2)}× (must stay within 2×)`)
}

function photoBoardFigures(): void {
  const sizeWithPhotos = (photoCount: number): number => {
    const doc = new Y.Doc()
    const { store } = boundStore(doc)
    store.put(Array.from({ length: 20 }, (_, n) => rectangle(n, n * 100, 0)))
    for (let n = 0; n < photoCount; n++) {
      const assetId = AssetRecordType.createId(`photo${n}`)
      store.put([
        AssetRecordType.create({
          id: assetId,
          type: 'image',
          meta: {},
          props: { w: 2560, h: 1920, name: `skizze-${n}.jpg`, isAnimated: false, mimeType: 'image/jpeg', src: `/api/boards/b/assets/${'0'.repeat(63)}${n % 10}.jpg` },
        }),
        {
          ...rectangle(1_000 + n, n * 300, 500),
          id: createShapeId(`photo${n}`),
          type: 'image',
          props: { w: 256, h: 192, assetId, playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '' },
        } as TLImageShape,
      ])
    }
    return Y.encodeStateAsUpdate(doc).length
  }
  console.log('\n## Board document with photos (only URLs are in the document)')
  console.log(`  20 shapes: ${kib(sizeWithPhotos(0))}; 20 shapes + 50 photos: ${kib(sizeWithPhotos(50))}`)
}

bundleFigures()
// Set only after the build (a production build must not see it): tldraw flushes store listeners once per
// animation frame, and Node has none. Its test mode flushes synchronously, which also makes every move
// its own Yjs transaction, the worst case for growth.
process.env.NODE_ENV = 'test'
docGrowthFigures()
photoBoardFigures()
await renderFigures()
process.exit(0)
