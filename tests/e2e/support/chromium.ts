import fs from 'node:fs'
import { describe } from 'vitest'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Playwright passes these in its own `--disable-features`; Chromium keeps only the last such switch, so ours
 * has to repeat them (from playwright-core 1.65's chromiumSwitches) or HTTPS upgrades, paint holding and the rest
 * would come back.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
]

/**
 * Chromium 156 loads its omnibox popup (a WebUI page in a renderer of its own) for every headless window: about
 * 0.8 s of CPU per context on a 2-core machine, taken from the page under test. Puppeteer turns it off by default.
 */
const IDLE_BROWSER_UI = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...IDLE_BROWSER_UI].join(',')}`,
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
