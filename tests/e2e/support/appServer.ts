import { buildClient, isClientBuildStale } from '../../../scripts/clientBuild.ts'
import { underBuildLock } from '../../support/buildLock.ts'
import { startTestServer, type TestServer, type TestServerOptions } from '../../support/testServer.ts'

/** Builds the client when its sources changed since the last build. */
export async function ensureClientBuilt(): Promise<void> {
  await underBuildLock('client', () => {
    if (isClientBuildStale() && !buildClient()) throw new Error('building the client failed (see vite output above)')
  })
}

/** The real server with the built client, in this process, on a free loopback port. */
export async function startAppServer(options: TestServerOptions = {}): Promise<TestServer> {
  await ensureClientBuilt()
  return startTestServer({}, options)
}
