import { afterEach, describe, expect, it } from 'vitest'
import { ensureClientBuilt } from '../e2e/support/appServer.ts'
import { killHard, startServerProcess, type ServerProcess } from '../support/serverProcess.ts'
import { makeDataDir } from '../support/testServer.ts'

let server: ServerProcess | null = null

afterEach(async () => {
  if (server && server.child.exitCode === null) await killHard(server)
})

describe('the server as npm start runs it', () => {
  it('the bundle on plain node serves the built client for every page route', async () => {
    await ensureClientBuilt()
    server = await startServerProcess({ DATA_DIR: makeDataDir() })
    for (const route of ['/', '/join', '/b/some-board', '/e/some-event']) {
      const response = await fetch(`${server.httpUrl}${route}`)
      expect(response.status, route).toBe(200)
      const html = await response.text()
      expect(html, route).toContain('<html lang="de">')
      const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1]
      expect(script, route).toBeDefined()
      expect((await fetch(`${server.httpUrl}${script}`)).status).toBe(200)
    }
  }, 180_000)
})
