/*
 * `npm run bench:phones [-- --profile slow-4g] [-- --crowd 80]`: phones on a slow link, from scanning the QR code
 * to a note another phone sees, under each network profile of issue 15;
 * then 80 phones joining within one minute (server CPU, bytes). Prints a
 * table and one JSON line (also written to bench/results/phones-latest.json).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildClient, isClientBuildStale } from '../scripts/clientBuild.ts'
import { launchChromium } from '../tests/e2e/support/chromium.ts'
import { measureCrowdJoin, type CrowdFigures } from './phones/crowdJoin.ts'
import { NETWORK_PROFILES } from './phones/networkProfiles.ts'
import { measurePhoneJoin, type PhoneJoinFigures } from './phones/phoneJoin.ts'
import { killAllChildren, startServer } from './servers.ts'

const RESULTS_FILE = path.join(import.meta.dirname, 'results', 'phones-latest.json')
const { values: args } = parseArgs({ options: { profile: { type: 'string' }, crowd: { type: 'string', default: '80' } } })
const CROWD_PHONES = Number(args.crowd)
const CROWD_WINDOW_MS = 60_000
const TARGETS_SLOW_4G = { codeFieldBytes: 150 * 1024, codeFieldMs: 2_000, canvasMs: 6_000, noteSeenMs: 10_000 }

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

function renderProfile(figures: PhoneJoinFigures, label: string): string {
  const target = (key: keyof typeof TARGETS_SLOW_4G, value: number, format: (n: number) => string): string =>
    figures.profile === 'slow-4g' ? `  (target ≤ ${format(TARGETS_SLOW_4G[key])}: ${value <= TARGETS_SLOW_4G[key] ? 'met' : 'MISSED'})` : ''
  return [
    `## ${label}`,
    `  bytes until the code field is usable: ${kib(figures.codeFieldBytes)}${target('codeFieldBytes', figures.codeFieldBytes, kib)}`,
    `  code field usable:                    ${seconds(figures.codeFieldMs)}${target('codeFieldMs', figures.codeFieldMs, seconds)}`,
    `  canvas shows:                         ${seconds(figures.canvasMs)}${target('canvasMs', figures.canvasMs, seconds)}`,
    `  note seen on another phone:           ${seconds(figures.noteSeenMs)}${target('noteSeenMs', figures.noteSeenMs, seconds)}`,
    `  board opened on a fresh phone:        ${kib(figures.freshBoardBytes)} in ${figures.freshBoardRequests} requests (HTTP and WebSocket)`,
  ].join('\n')
}

function renderCrowd(crowd: CrowdFigures): string {
  return [
    `## ${crowd.phones} phones joining within one minute (unthrottled loopback, same requests as the measured phone)`,
    `  server CPU: ${(crowd.serverCpuMs / 1000).toFixed(2)} s over ${seconds(crowd.windowMs)} (${((crowd.serverCpuMs / crowd.windowMs) * 100).toFixed(1)} % of one core)`,
    `  total bytes: ${(crowd.totalBytes / 1024 / 1024).toFixed(2)} MiB (${kib(crowd.bytesPerPhone)} per phone); slowest join ${seconds(crowd.slowestJoinMs)}`,
  ].join('\n')
}

async function main(): Promise<void> {
  if (isClientBuildStale() && !buildClient()) throw new Error('building the client failed')
  const server = await startServer('ours', { inspect: false })
  const browser = await launchChromium()
  const results: PhoneJoinFigures[] = []
  try {
    for (const profile of NETWORK_PROFILES.filter((candidate) => !args.profile || candidate.id === args.profile)) {
      const figures = await measurePhoneJoin(browser, server, profile)
      results.push(figures)
      console.log(renderProfile(figures, profile.label))
    }
    await browser.close()
    const measured = results[0]
    if (!measured) throw new Error(`no network profile is called ${args.profile}`)
    const crowd = await measureCrowdJoin(server, measured.joinRequests, CROWD_PHONES, CROWD_WINDOW_MS)
    console.log(renderCrowd(crowd))
    const json = {
      at: new Date().toISOString(),
      profiles: results.map(({ joinRequests: _requests, ...figures }) => figures),
      targetsSlow4g: TARGETS_SLOW_4G,
      crowd,
    }
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true })
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`)
    console.log(JSON.stringify(json))
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    killAllChildren()
    process.exit(1)
  },
)
