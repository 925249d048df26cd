/**
 * `npm start`: builds the client when its sources are newer than the last
 * build, then runs the server in this process's place, so a current build
 * starts in a few seconds.
 */
import { buildClient, isClientBuildStale } from './clientBuild.ts'

if (isClientBuildStale()) {
  process.stdout.write('Building the client (first start or changed sources)…\n')
  if (!buildClient()) process.exit(1)
}

await import('../server/main.ts')
