import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../server/logger.ts'
import { openSqliteDatabase } from '../../server/storage/openSqliteDatabase.ts'
import { SQLITE_FILE_NAME, openSqliteStorage, type Storage } from '../../server/storage/Storage.ts'
import { StoredStateError, readStoredWorkshopState } from '../../server/storage/workshopStateFormat.ts'
import { DEFAULT_RETENTION_DAYS, retentionEndsAt } from '../../shared/retention.ts'
import { makeTempDir } from '../support/tempDirs.ts'

/** A workshop state exactly as the first release stored it: pitch queue by participantId, no version. */
const FORMAT_1 = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/workshop-state-format1.json'), 'utf8')
const EVENT_ID = '0qdveVekbZ_P'
const ANNA = 'APG3UkJ-YFyo'

// The first release's tables whose layout changed since, frozen here as they were.
const FIRST_RELEASE_TABLES = `
CREATE TABLE session_states (event_id TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE vote_dots (id INTEGER PRIMARY KEY AUTOINCREMENT, vote_id TEXT NOT NULL, board_id TEXT NOT NULL, voter_id TEXT NOT NULL, voter_name TEXT, shape_id TEXT NOT NULL);
CREATE INDEX vote_dots_by_voter ON vote_dots (vote_id, voter_id);
CREATE TABLE profile_cards (event_id TEXT NOT NULL, participant_id TEXT NOT NULL, card TEXT NOT NULL, PRIMARY KEY (event_id, participant_id));
`

let storage: Storage | null = null

afterEach(async () => {
  await storage?.close()
  storage = null
})

function dataDirOfFirstRelease(): string {
  const dir = makeTempDir('format1')
  const db = openSqliteDatabase(path.join(dir, SQLITE_FILE_NAME))
  db.exec(FIRST_RELEASE_TABLES)
  db.prepare('INSERT INTO session_states (event_id, state) VALUES (?, ?)').run(EVENT_ID, FORMAT_1)
  db.prepare("INSERT INTO vote_dots (vote_id, board_id, voter_id, voter_name, shape_id) VALUES ('ZXy6dwjWqXOS', 'b', ?, 'Anna', 'shape:a')").run(ANNA)
  db.prepare('INSERT INTO profile_cards (event_id, participant_id, card) VALUES (?, ?, ?)').run(EVENT_ID, ANNA, JSON.stringify({ name: 'Anna', side: 'kreative', contact: 'anna@example.org' }))
  db.close()
  return dir
}

describe('stored workshop state of the first release', () => {
  it('loads after the upgrade: same phase, rounds, pitch queue and dots, and the next change is stored as version 1', async () => {
    storage = openSqliteStorage(dataDirOfFirstRelease(), createLogger('silent'))
    const state = await storage.workshops.loadState(EVENT_ID)
    const original = JSON.parse(FORMAT_1) as { phaseIndex: number; pitch: { queue: Array<{ participantId: string }> }; speedDating: { rounds: unknown[] } }
    expect(state).toMatchObject({ version: 0, phaseIndex: original.phaseIndex, speedDating: { matchCount: 0 } })
    expect(state?.pitch?.queue.map((entry) => entry.personId)).toEqual(original.pitch.queue.map((entry) => entry.participantId))
    expect(state?.speedDating?.rounds).toEqual(original.speedDating.rounds)
    expect(await storage.votes.dotsOf('ZXy6dwjWqXOS', ANNA)).toEqual(['shape:a'])
    expect((await storage.profiles.loadProfiles(EVENT_ID)).get(ANNA)).toMatchObject({ contact: 'anna@example.org' })
    if (!state) throw new Error('no state')
    expect(await storage.workshops.storeState({ ...state, version: 1, phaseIndex: 4 })).toBe(true)
    expect(await storage.workshops.loadState(EVENT_ID)).toMatchObject({ version: 1, phaseIndex: 4 })
  })

  it('a state of an unknown format or a damaged one is an error, never an empty workshop', () => {
    expect(() => readStoredWorkshopState(99, FORMAT_1)).toThrow(StoredStateError)
    expect(() => readStoredWorkshopState(1, '{"phaseIndex": "drei"}')).toThrow(StoredStateError)
    expect(() => readStoredWorkshopState(2, '[]')).toThrow(StoredStateError)
  })
})

describe('events of data directories from before retention', () => {
  it('events from before retention keep their personal data at least 30 days after the upgrade, and new ones get the default', async () => {
    const dir = makeTempDir('before-retention')
    const db = openSqliteDatabase(path.join(dir, SQLITE_FILE_NAME))
    db.exec('CREATE TABLE events (id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, place TEXT, mode TEXT NOT NULL, agenda TEXT NOT NULL, created_at TEXT NOT NULL)')
    const insert = db.prepare("INSERT INTO events (id, title, date, place, mode, agenda, created_at) VALUES (?, ?, ?, NULL, 'vor-ort', '[]', ?)")
    const today = new Date().toISOString()
    insert.run('alt', 'Auftakt 2023', '2023-05-10', '2023-04-01T10:00:00.000Z')
    insert.run('neu', 'Abschluss', today.slice(0, 10), today)
    db.close()
    storage = openSqliteStorage(dir, createLogger('silent'))
    const old = await storage.events.getEvent('alt')
    if (!old) throw new Error('the old event is gone')
    const daysLeft = (retentionEndsAt(old).getTime() - Date.now()) / 86_400_000
    expect(daysLeft).toBeGreaterThan(29)
    expect(daysLeft).toBeLessThan(32)
    expect(await storage.events.getEvent('neu')).toMatchObject({ retentionDays: DEFAULT_RETENTION_DAYS, personalDataRemovedAt: null })
  })
})
