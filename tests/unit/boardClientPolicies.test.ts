import { describe, expect, it } from 'vitest'
import { isMissingRequiredLicense } from '../../client/src/board/licenseRequirement.ts'
import { CloseCode } from '../../shared/closeCodes.ts'
import { CRASH_RETRY_WINDOW_MS, RECONNECT_MAX_DELAY_MS, RESTART_RETRY_SPREAD_MS, RESTART_RETRY_WINDOW_MS, ReconnectSchedule, reconnectDelayMs } from '../../client/src/collab/reconnectDelay.ts'
import { appLocaleFor, MESSAGES, translate } from '../../client/src/i18n/messages.ts'

describe('reconnect backoff', () => {
  it('grows exponentially, stays under the cap, and spreads clients over the whole window', () => {
    expect(reconnectDelayMs(0, () => 1)).toBe(500)
    expect(reconnectDelayMs(3, () => 1)).toBe(4_000)
    expect(reconnectDelayMs(30, () => 1)).toBe(RECONNECT_MAX_DELAY_MS)

    const phones = Array.from({ length: 80 }, () => reconnectDelayMs(4))
    const distinctSeconds = new Set(phones.map((delay) => Math.floor(delay / 1000)))
    expect(Math.max(...phones)).toBeLessThanOrEqual(8_000)
    expect(distinctSeconds.size).toBeGreaterThan(4)
  })
})

describe('reconnecting after a restart announcement', () => {
  it('comes back at once after 1012 and keeps trying quickly, jittered, until the window ends', () => {
    let now = 0
    const schedule = new ReconnectSchedule(() => 1, () => now)
    expect(schedule.delayAfterClose(CloseCode.serviceRestart)).toBe(RESTART_RETRY_SPREAD_MS)
    // The server is still down: refused attempts close with 1006 and stay quick.
    for (let i = 0; i < 20; i++) expect(schedule.delayAfterClose(1006)).toBe(RESTART_RETRY_SPREAD_MS)
    now = RESTART_RETRY_WINDOW_MS + 1
    expect(schedule.delayAfterClose(1006)).toBe(500)
    expect(schedule.delayAfterClose(1006)).toBe(1_000)
  })

  it('backs off as before after any other close, and a sync starts over', () => {
    const schedule = new ReconnectSchedule(() => 1, () => 0)
    expect(schedule.delayAfterClose(1006)).toBe(500)
    expect(schedule.delayAfterClose(1006)).toBe(1_000)
    schedule.synced()
    expect(schedule.delayAfterClose(CloseCode.goingAway)).toBe(500)
  })

  it('tries quickly for a few seconds when a synced connection is cut without a close frame (a killed server), then backs off', () => {
    let now = 0
    const schedule = new ReconnectSchedule(() => 1, () => now)
    schedule.synced()
    expect(schedule.delayAfterClose(CloseCode.abnormalClosure)).toBe(RESTART_RETRY_SPREAD_MS)
    // Refused while the server starts again: still quick.
    for (let i = 0; i < 10; i++) expect(schedule.delayAfterClose(CloseCode.abnormalClosure)).toBe(RESTART_RETRY_SPREAD_MS)
    now = CRASH_RETRY_WINDOW_MS + 1
    expect(schedule.delayAfterClose(CloseCode.abnormalClosure)).toBe(500)
    // A close with a frame (the server going away on purpose) is not a crash: it backs off at once.
    schedule.synced()
    expect(schedule.delayAfterClose(CloseCode.goingAway)).toBe(500)
  })

  it('spreads a room’s phones over the window', () => {
    const delays = Array.from({ length: 200 }, () => new ReconnectSchedule().delayAfterClose(CloseCode.serviceRestart))
    expect(Math.max(...delays)).toBeLessThanOrEqual(RESTART_RETRY_SPREAD_MS)
    expect(new Set(delays.map((delay) => Math.floor(delay / 50))).size).toBeGreaterThan(3)
  })
})

describe('the tldraw license notice', () => {
  it('is shown only for HTTPS on a public host without a key', () => {
    expect(isMissingRequiredLicense({ protocol: 'https:', hostname: 'board.example.org' }, null)).toBe(true)
    expect(isMissingRequiredLicense({ protocol: 'https:', hostname: 'board.example.org' }, 'tldraw-key')).toBe(false)
    expect(isMissingRequiredLicense({ protocol: 'http:', hostname: '192.168.1.20' }, null)).toBe(false)
    expect(isMissingRequiredLicense({ protocol: 'https:', hostname: 'localhost' }, null)).toBe(false)
    expect(isMissingRequiredLicense({ protocol: 'https:', hostname: '127.0.0.1' }, null)).toBe(false)
  })
})

describe('app strings', () => {
  it('are German by default and for German locales, English otherwise', () => {
    expect(appLocaleFor(null)).toBe('de')
    expect(appLocaleFor('de-AT')).toBe('de')
    expect(appLocaleFor('fr')).toBe('en')
    expect(translate('de', 'connection.offline')).toContain('sobald du wieder verbunden bist')
  })

  it('English covers every German key with a non-empty text', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.de).sort())
    for (const text of Object.values(MESSAGES.en)) expect(text.trim()).not.toBe('')
  })
})
