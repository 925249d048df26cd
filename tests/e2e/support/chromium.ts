import fs from 'node:fs'
import { describe } from 'vitest'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const chromiumPresent = fs.existsSync(CHROMIUM_PATH)

/**
 * `describe` for browser tests: runs them when Chromium is installed, skips
 * them loudly when not, and fails in CI (CI=true), where they are required.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (chromiumPresent) {
    describe(name, body)
    return
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`End-to-end tests are required in CI, but Chromium is missing at ${CHROMIUM_PATH} (apt-get install -y chromium).`)
    })
    return
  }
  process.stderr.write(
    `\n  !!! SKIPPED end-to-end tests "${name}": no Chromium at ${CHROMIUM_PATH}.\n` +
      '  !!! Install it with `apt-get install -y chromium` to run them.\n\n',
  )
  describe.skip(name, body)
}

/**
 * Headless Debian Chromium with a fresh profile; every user gets their own context on top of it.
 * `extraArgs` adds switches, e.g. `--host-resolver-rules=MAP lan.example.test 127.0.0.1` to reach
 * the test server under a name that is not a secure context, as a venue LAN address is not.
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] })
}
