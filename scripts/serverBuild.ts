/**
 * The server as one plain JavaScript file, `dist/server.mjs`, run by node
 * without a TypeScript loader: it starts in a fraction of the time and
 * holds about 50 MB less than the same code under tsx. Dependencies stay
 * in node_modules. `dist/server.mjs` sits one level below the repository
 * like `server/app.ts`, so paths it resolves from its own URL still hold.
 */
import path from 'node:path'
import { build } from 'esbuild'
import { isOlderThanSources, ROOT } from './buildFreshness.ts'

export const SERVER_BUNDLE = path.join(ROOT, 'dist/server.mjs')

/**
 * Node flags the server runs with (`npm start`, the README's systemd and pm2
 * lines, the benchmarks). V8 starts the young generation at 1 MB and grows
 * it as objects survive; under a workshop's load it reached its 16 MB in
 * steps over the first minutes, each a jump of RSS, which the soak could not
 * tell from a leak. Started at full size it scavenges less often; the
 * soak's server used about the same CPU with it (0.08 cores, 0.07 without).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--min-semi-space-size=16']

export function isServerBuildStale(): boolean {
  return isOlderThanSources('dist/server.mjs', ['server', 'shared', 'package-lock.json', 'scripts/serverBuild.ts'])
}

/** Bundles server/main.ts; returns false (after esbuild printed why) when it fails. */
export async function buildServer(): Promise<boolean> {
  try {
    await build({
      entryPoints: [path.join(ROOT, 'server/main.ts')],
      outfile: SERVER_BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
    })
    return true
  } catch {
    return false
  }
}
