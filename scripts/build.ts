/**
 * Builds the client (Vite) and the server bundle (esbuild). `npm start`
 * runs it before the server and rebuilds only what its sources outdate;
 * `npm run build` passes --all to build both regardless.
 */
import { buildClient, isClientBuildStale } from './clientBuild.ts'
import { buildServer, isServerBuildStale } from './serverBuild.ts'

const all = process.argv.includes('--all')

if (all || isClientBuildStale()) {
  process.stdout.write('Building the client…\n')
  if (!buildClient()) process.exit(1)
}
if (all || isServerBuildStale()) {
  process.stdout.write('Building the server…\n')
  if (!(await buildServer())) process.exit(1)
}
