import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from '../../scripts/serverBuild.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

it('npm start and the README’s process-manager lines run the server with the node flags the benchmarks measured', () => {
  const flags = SERVER_NODE_FLAGS.join(' ')
  const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  expect(packageJson.scripts.start).toContain(`node ${flags} dist/server.mjs`)
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  expect(readme).toContain(`\nnode ${flags} dist/server.mjs`)
  expect(readme).toContain(`ExecStart=/usr/bin/node ${flags} dist/server.mjs`)
  expect(readme).toContain(`--node-args="${flags}"`)
})

it('this node accepts the flags and starts the young generation at its full size', () => {
  // A node that no longer knew a flag would refuse to start the server at all.
  const script = "const s = require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space'); console.log(s.space_size)"
  const newSpaceBytes = Number(execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', script], { encoding: 'utf8' }).trim())
  expect(newSpaceBytes).toBeGreaterThanOrEqual(16 * 1024 * 1024)
})
