import { describe, expect, it } from 'vitest'
import { translate, type MessageKey } from '../i18n/messages.ts'
import { versionErrorKey, versionTime, versionTitle } from './versionText.ts'

const t = (key: MessageKey) => translate('de', key)
/** A local time, so the test reads the same in every time zone. */
const savedAt = new Date(2024, 10, 8, 14, 32).toISOString()

describe('how a version is shown', () => {
  it('shows the time a version was saved as people in Germany write it', () => {
    expect(versionTime(savedAt, 'de')).toBe('08.11.2024, 14:32')
  })

  it('shows a 24-hour time in English too', () => {
    expect(versionTime(savedAt, 'en')).toBe('08/11/2024, 14:32')
  })

  it('calls a named version by its name and the others by their kind, in the viewer’s language', () => {
    expect(versionTitle({ kind: 'named', name: 'Nach der Clusterrunde' }, t)).toBe('Nach der Clusterrunde')
    expect(versionTitle({ kind: 'auto', name: 'Automatisch' }, t)).toBe('Automatisch gespeichert')
    expect(versionTitle({ kind: 'before-restore', name: 'Vor Wiederherstellung von „X“' }, (key) => translate('en', key))).toBe('State before a restore')
  })
})

describe('what a failed call about versions says', () => {
  it('says the version is gone when the server no longer has it', () => {
    expect(versionErrorKey('restore', { code: 'not_found' })).toBe('versions.error.gone')
    expect(versionErrorKey('preview', { code: 'not_found' })).toBe('versions.error.gone')
  })

  it('says a version cannot be read when the server refuses to restore it', () => {
    expect(versionErrorKey('restore', { code: 'conflict' })).toBe('versions.error.unreadable')
  })

  it('points to the network or the link before blaming the action', () => {
    expect(versionErrorKey('name', { code: 'network' })).toBe('versions.error.network')
    expect(versionErrorKey('list', { code: 'forbidden' })).toBe('versions.error.forbidden')
  })

  it('falls back to the failed action, with what to do next', () => {
    expect(versionErrorKey('name', { code: 'internal' })).toBe('versions.error.name')
    expect(versionErrorKey('list', null)).toBe('versions.error.list')
    expect(translate('de', versionErrorKey('restore', null))).toContain('Das Board ist unverändert')
  })
})
