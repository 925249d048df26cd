import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Storage } from '../../server/storage/Storage.ts'
import type { WorkshopState } from '../../shared/workshop/index.ts'
import { newWorkshopState } from '../support/workshopState.ts'

/**
 * What every storage backend must do, written once against the interfaces.
 * A backend's test file calls `describeStoreContract` with a way to open its
 * storage and to reopen the same data (a restart): SQLite today, PostgreSQL
 * when it is added.
 */
export interface StoreBackend {
  /** Fresh, empty storage. */
  open(): Promise<Storage>
  /** Closes `storage` and opens the same data again, as a server restart does. */
  reopen(storage: Storage): Promise<Storage>
}

function update(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('board').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

function contentOf(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Record<string, unknown> {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const item of stored.updates) Y.applyUpdate(doc, item)
  return doc.getMap('board').toJSON()
}

function workshopState(eventId: string, version: number, phaseIndex = 0): WorkshopState {
  return { ...newWorkshopState(eventId, version), phaseIndex }
}

export function describeStoreContract(name: string, backend: StoreBackend): void {
  describe(`${name} storage contract`, () => {
    let storage: Storage

    beforeEach(async () => {
      storage = await backend.open()
    })

    afterEach(async () => {
      await storage.close()
    })

    async function restart(): Promise<void> {
      storage = await backend.reopen(storage)
    }

    async function anEvent(title = 'Auftakt') {
      return storage.events.createEvent({ title, date: '2024-11-08', place: 'Cottbus', mode: 'vor-ort', agenda: [], callUrl: null })
    }

    describe('board updates', () => {
      it('a board never written loads empty', async () => {
        expect(await storage.boards.loadBoard('nie')).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      })

      it('keeps each board’s updates in order with its own sequence, across a restart', async () => {
        const seqs = await storage.boards.appendBatches([
          { boardId: 'a', updates: [update('title', 'Werkstatt')] },
          { boardId: 'b', updates: [update('title', 'Tourismus'), update('ort', 'Cottbus')] },
        ])
        expect(seqs).toEqual([1, 2])
        await restart()
        const a = await storage.boards.loadBoard('a')
        const b = await storage.boards.loadBoard('b')
        expect(contentOf(a)).toEqual({ title: 'Werkstatt' })
        expect(contentOf(b)).toEqual({ title: 'Tourismus', ort: 'Cottbus' })
        expect([a.lastSeq, b.lastSeq]).toEqual([1, 2])
      })

      it('a snapshot replaces the updates it covers; later updates follow it, also after a restart', async () => {
        await storage.boards.appendBatches([{ boardId: 'b', updates: [update('ort', 'Görlitz'), update('land', 'Sachsen')] }])
        const doc = new Y.Doc()
        for (const item of (await storage.boards.loadBoard('b')).updates) Y.applyUpdate(doc, item)
        await storage.boards.storeSnapshot('b', Y.encodeStateAsUpdate(doc), 2)
        const [next] = await storage.boards.appendBatches([{ boardId: 'b', updates: [update('titel', 'Lausitz')] }])
        expect(next).toBe(3)
        await restart()
        const b = await storage.boards.loadBoard('b')
        expect(b.updates).toHaveLength(1)
        expect(contentOf(b)).toEqual({ ort: 'Görlitz', land: 'Sachsen', titel: 'Lausitz' })
      })
    })

    describe('events, boards and links', () => {
      it('keeps events and their boards; unknown ids are null', async () => {
        const event = await anEvent()
        const board = await storage.events.createBoard(event.id, 'Freie Ideenschmiede', 'ideenschmiede')
        expect(await storage.events.updateEvent(event.id, { title: 'Auftakt Lausitz' })).toMatchObject({ title: 'Auftakt Lausitz', place: 'Cottbus', callUrl: null })
        await storage.events.updateEvent(event.id, { callUrl: 'https://meet.jit.si/auftakt-lausitz' })
        expect(event).toMatchObject({ retentionDays: 90, deleteAfterRetention: false, privacyContact: null, personalDataRemovedAt: null })
        await storage.events.updateEvent(event.id, { retentionDays: 30, deleteAfterRetention: true, privacyContact: 'Kreative Lausitz', personalDataRemovedAt: '2025-02-07T00:00:00.000Z' })
        await storage.events.updateBoard(board.id, { archived: true })
        await restart()
        expect(await storage.events.getEvent(event.id)).toMatchObject({
          title: 'Auftakt Lausitz',
          callUrl: 'https://meet.jit.si/auftakt-lausitz',
          retentionDays: 30,
          deleteAfterRetention: true,
          privacyContact: 'Kreative Lausitz',
          personalDataRemovedAt: '2025-02-07T00:00:00.000Z',
        })
        expect(await storage.events.listBoards(event.id)).toEqual([expect.objectContaining({ id: board.id, archived: true })])
        expect(await storage.events.getEvent('unbekannt')).toBeNull()
        expect(await storage.events.getBoard('unbekannt')).toBeNull()
        expect(await storage.events.updateEvent('unbekannt', { title: 'x' })).toBeNull()
      })

      it('finds links by token hash and active code; revoking a link revokes its devices and frees the code', async () => {
        const event = await anEvent()
        const code = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'h1', code: 'ABC234', parentLinkId: null })
        const phone = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'h2', code: null, parentLinkId: code.id })
        expect(await storage.events.findActiveLinkByCode('ABC234')).toMatchObject({ id: code.id })
        expect(await storage.events.listLinks(event.id)).toEqual([expect.objectContaining({ id: code.id })])
        expect(await storage.events.listDeviceLinks(event.id)).toEqual([expect.objectContaining({ id: phone.id, parentLinkId: code.id })])
        expect((await storage.events.revokeLink(event.id, code.id)).sort()).toEqual([code.id, phone.id].sort())
        expect(await storage.events.findLinkByTokenHash('h2')).toMatchObject({ revoked: true })
        expect(await storage.events.isCodeInUse('ABC234')).toBe(false)
        expect(await storage.events.listDeviceLinks(event.id)).toEqual([])
        expect(await storage.events.revokeLink(event.id, 'unbekannt')).toEqual([])
      })

      it('a device link’s last use is kept, and only devices idle before a time are revoked', async () => {
        const event = await anEvent()
        const code = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'c', code: 'XYZ789', parentLinkId: null })
        const idle = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'i', code: null, parentLinkId: code.id })
        const busy = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'b', code: null, parentLinkId: code.id })
        await storage.events.touchLink(idle.id, '2024-01-01T00:00:00.000Z')
        await storage.events.touchLink(busy.id, '2030-01-01T00:00:00.000Z')
        await restart()
        expect(await storage.events.revokeIdleDeviceLinks(event.id, '2025-01-01T00:00:00.000Z')).toEqual([idle.id])
        expect(await storage.events.listDeviceLinks(event.id)).toEqual([expect.objectContaining({ id: busy.id, lastSeenAt: '2030-01-01T00:00:00.000Z' })])
        expect(await storage.events.findLinkByTokenHash('c')).toMatchObject({ revoked: false })
      })
    })

    describe('workshop state', () => {
      it('an event without commands has no state', async () => {
        expect(await storage.workshops.loadState('nie')).toBeNull()
      })

      it('stores each version only on the one before it, and keeps the last across a restart', async () => {
        expect(await storage.workshops.storeState(workshopState('e1', 1, 1))).toBe(true)
        expect(await storage.workshops.storeState(workshopState('e1', 2, 2))).toBe(true)
        expect(await storage.workshops.storeState(workshopState('e1', 2, 5))).toBe(false)
        expect(await storage.workshops.storeState(workshopState('e1', 1, 5))).toBe(false)
        expect(await storage.workshops.storeState(workshopState('e1', 4, 5))).toBe(false)
        await restart()
        expect(await storage.workshops.loadState('e1')).toMatchObject({ version: 2, phaseIndex: 2 })
      })
    })

    describe('votes', () => {
      it('a person never has more dots than the limit, even with many placements at once', async () => {
        const dot = { personId: 'p1', personName: 'Anna', shapeId: 'shape:a' }
        const results = await Promise.all(Array.from({ length: 6 }, () => storage.votes.placeDot('v1', 'b1', dot, 3)))
        expect(results.filter((result) => result !== null)).toHaveLength(3)
        expect(await storage.votes.dotsOf('v1', 'p1')).toEqual(['shape:a', 'shape:a', 'shape:a'])
        expect(await storage.votes.removeDot('v1', 'p1', 'shape:a')).toEqual(['shape:a', 'shape:a'])
        expect(await storage.votes.placeDot('v1', 'b1', { ...dot, personId: 'p2', shapeId: 'shape:b' }, 3)).toEqual(['shape:b'])
        await restart()
        expect((await storage.votes.allDots('v1')).map((d) => `${d.personId}:${d.shapeId}`)).toEqual(['p1:shape:a', 'p1:shape:a', 'p2:shape:b'])
      })

      it('keeps the latest revealed counts per board', async () => {
        await storage.votes.storeRevealedVote('b1', 'v1', { 'shape:a': 2 })
        await storage.votes.storeRevealedVote('b1', 'v2', { 'shape:b': 5 })
        await restart()
        expect(await storage.votes.latestRevealedVote('b1')).toEqual({ 'shape:b': 5 })
        expect(await storage.votes.latestRevealedVote('b2')).toBeNull()
      })
    })

    describe('profiles and matches', () => {
      it('keeps one profile card per person and event', async () => {
        const card = { name: 'Anna', side: 'kreative' as const, organisation: 'Studio Nord', offer: '', seek: '', tags: ['Design'], contact: 'anna@example.org' }
        await storage.profiles.storeProfile('e1', 'p1', card)
        await storage.profiles.storeProfile('e1', 'p1', { ...card, organisation: 'Studio Süd' })
        await storage.profiles.storeProfile('e2', 'p1', card)
        await restart()
        const profiles = await storage.profiles.loadProfiles('e1')
        expect([...profiles.keys()]).toEqual(['p1'])
        expect(profiles.get('p1')).toMatchObject({ organisation: 'Studio Süd', contact: 'anna@example.org' })
      })

      it('two marks that want each other are one match; a mark changes when made again', async () => {
        await storage.matches.storeMark('e1', { fromId: 'a', toId: 'b', want: true, shareContact: true })
        await storage.matches.storeMark('e1', { fromId: 'c', toId: 'b', want: true, shareContact: false })
        expect(await storage.matches.countMutualMatches('e1')).toBe(0)
        await storage.matches.storeMark('e1', { fromId: 'b', toId: 'a', want: true, shareContact: true })
        await storage.matches.storeMark('e1', { fromId: 'b', toId: 'c', want: false, shareContact: false })
        await restart()
        expect(await storage.matches.countMutualMatches('e1')).toBe(1)
        expect(await storage.matches.mutualMatches('e1')).toEqual([{ firstId: 'a', secondId: 'b', bothShared: true }])
        expect((await storage.matches.marksInvolving('e1', 'c')).map((m) => `${m.fromId}>${m.toId}:${m.want}`).sort()).toEqual(['b>c:false', 'c>b:true'])
        await storage.matches.storeMark('e1', { fromId: 'a', toId: 'b', want: false, shareContact: false })
        expect(await storage.matches.countMutualMatches('e1')).toBe(0)
      })
    })

    describe('deleting and anonymising personal data', () => {
      it('deleting an event deletes its boards and links, and leaves other events alone', async () => {
        const event = await anEvent()
        const other = await anEvent('Fachveranstaltung')
        const board = await storage.events.createBoard(event.id, 'Freie Ideenschmiede', 'ideenschmiede')
        const otherBoard = await storage.events.createBoard(other.id, 'Workshop', 'leer')
        const code = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'd1', code: 'DEL234', parentLinkId: null })
        await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'd2', code: null, parentLinkId: code.id })
        await storage.events.createLink({ eventId: other.id, role: 'facilitator', label: null, tokenHash: 'o1', code: null, parentLinkId: null })
        expect(await storage.events.deleteEvent(event.id)).toBe(true)
        await restart()
        expect(await storage.events.getEvent(event.id)).toBeNull()
        expect(await storage.events.getBoard(board.id)).toBeNull()
        expect(await storage.events.findLinkByTokenHash('d1')).toBeNull()
        expect(await storage.events.findLinkByTokenHash('d2')).toBeNull()
        expect(await storage.events.getBoard(otherBoard.id)).not.toBeNull()
        expect(await storage.events.findLinkByTokenHash('o1')).not.toBeNull()
        expect(await storage.events.deleteEvent(event.id)).toBe(false)
      })

      it('device links can be deleted all at once or one by one; the links handed out stay', async () => {
        const event = await anEvent()
        const code = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'p', code: 'DEV234', parentLinkId: null })
        const first = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'p1', code: null, parentLinkId: code.id })
        const second = await storage.events.createLink({ eventId: event.id, role: 'participant', label: null, tokenHash: 'p2', code: null, parentLinkId: code.id })
        expect(await storage.events.deleteDeviceLinks(event.id, first.id)).toEqual([first.id])
        expect(await storage.events.deleteDeviceLinks(event.id, code.id)).toEqual([])
        expect(await storage.events.deleteDeviceLinks(event.id)).toEqual([second.id])
        expect(await storage.events.findLinkByTokenHash('p2')).toBeNull()
        expect(await storage.events.findLinkByTokenHash('p')).toMatchObject({ revoked: false })
      })

      it('a deleted board loads empty, also when its updates were still on the way into the database', async () => {
        await storage.boards.appendBatches([{ boardId: 'weg', updates: [update('notiz', 'Geheimnis')] }])
        await storage.boards.appendBatches([{ boardId: 'bleibt', updates: [update('notiz', 'Bleibt')] }])
        await storage.boards.deleteBoard('weg')
        await restart()
        expect(await storage.boards.loadBoard('weg')).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
        expect(contentOf(await storage.boards.loadBoard('bleibt'))).toEqual({ notiz: 'Bleibt' })
      })

      it('lists the documents whose id starts with a prefix, wherever their updates wait, and forgets deleted ones', async () => {
        await storage.boards.appendBatches([{ boardId: 'private:b1:anna', updates: [update('notiz', 'Anna')] }])
        await storage.boards.appendBatches([{ boardId: 'private:b1:ben', updates: [update('notiz', 'Ben')] }])
        await storage.boards.storeSnapshot('private:b1:ben', Y.encodeStateAsUpdate(new Y.Doc()), 1)
        await storage.boards.appendBatches([{ boardId: 'private:b10:clara', updates: [update('notiz', 'Clara')] }])
        await storage.boards.appendBatches([{ boardId: 'b1', updates: [update('notiz', 'Board')] }])
        expect((await storage.boards.listDocumentIds('private:b1:')).sort()).toEqual(['private:b1:anna', 'private:b1:ben'])
        expect(await storage.boards.listDocumentIds('private:b1_')).toEqual([])
        await storage.boards.deleteBoard('private:b1:anna')
        await restart()
        expect(await storage.boards.listDocumentIds('private:b1:')).toEqual(['private:b1:ben'])
      })

      it('profiles, marks, dots, versions and workshop state can be removed for one person or all', async () => {
        const card = { name: 'Anna', side: 'kreative' as const, organisation: '', offer: '', seek: '', tags: [], contact: 'anna@example.org' }
        await storage.profiles.storeProfile('e1', 'anna', card)
        await storage.profiles.storeProfile('e1', 'ben', { ...card, name: 'Ben' })
        await storage.profiles.deleteProfiles('e1', 'anna')
        expect([...(await storage.profiles.loadProfiles('e1')).keys()]).toEqual(['ben'])
        await storage.profiles.deleteProfiles('e1')
        expect((await storage.profiles.loadProfiles('e1')).size).toBe(0)

        await storage.matches.storeMark('e1', { fromId: 'anna', toId: 'ben', want: true, shareContact: true })
        await storage.matches.storeMark('e1', { fromId: 'ben', toId: 'anna', want: true, shareContact: true })
        await storage.matches.storeMark('e1', { fromId: 'ben', toId: 'cem', want: true, shareContact: false })
        await storage.matches.deleteMarks('e1', 'anna')
        expect(await storage.matches.marksInvolving('e1', 'ben')).toEqual([{ fromId: 'ben', toId: 'cem', want: true, shareContact: false }])
        await storage.matches.deleteMarks('e1')
        expect(await storage.matches.marksInvolving('e1', 'ben')).toEqual([])

        await storage.votes.placeDot('v1', 'b1', { personId: 'anna', personName: 'Anna', shapeId: 'shape:a' }, 3)
        await storage.votes.placeDot('v1', 'b1', { personId: 'ben', personName: 'Ben', shapeId: 'shape:a' }, 3)
        await storage.votes.anonymiseDots('b1', 'anna')
        expect((await storage.votes.allDots('v1')).map((d) => d.personName)).toEqual([null, 'Ben'])
        await storage.votes.anonymiseDots('b1')
        expect(await storage.votes.allDots('v1')).toHaveLength(2)
        expect((await storage.votes.allDots('v1')).every((d) => d.personName === null && d.personId !== 'ben')).toBe(true)
        await storage.votes.storeRevealedVote('b1', 'v1', { 'shape:a': 2 })
        await storage.votes.deleteBoardVotes('b1')
        expect(await storage.votes.allDots('v1')).toEqual([])
        expect(await storage.votes.latestRevealedVote('b1')).toBeNull()

        await storage.versions.storeVersion({ id: 'v1', boardId: 'b1', name: 'Automatisch', kind: 'auto', createdAt: '2024-11-08T10:00:00.000Z', content: '{"a":"Anna"}' })
        expect(await storage.versions.replaceVersionContent('b1', 'v1', '{"a":"Teilnehmer:in"}')).toBe(true)
        expect(await storage.versions.replaceVersionContent('b1', 'unbekannt', '{}')).toBe(false)
        expect(await storage.versions.loadVersion('b1', 'v1')).toMatchObject({ content: '{"a":"Teilnehmer:in"}' })
        await storage.versions.deleteVersions('b1')
        expect(await storage.versions.listVersions('b1')).toEqual([])

        await storage.workshops.storeState(workshopState('e1', 1))
        await storage.workshops.deleteState('e1')
        await restart()
        expect(await storage.workshops.loadState('e1')).toBeNull()
      })
    })

    describe('board versions', () => {
      it('lists a board’s versions newest first and loads one with its content', async () => {
        await storage.versions.storeVersion({ id: 'v1', boardId: 'b1', name: 'Automatisch', kind: 'auto', createdAt: '2024-11-08T10:00:00.000Z', content: '{"a":1}' })
        await storage.versions.storeVersion({ id: 'v2', boardId: 'b1', name: 'Nach der Pause', kind: 'named', createdAt: '2024-11-08T11:00:00.000Z', content: '{"a":2}' })
        await restart()
        expect((await storage.versions.listVersions('b1')).map((v) => v.id)).toEqual(['v2', 'v1'])
        expect(await storage.versions.loadVersion('b1', 'v2')).toMatchObject({ name: 'Nach der Pause', content: '{"a":2}' })
        expect(await storage.versions.loadVersion('b2', 'v2')).toBeNull()
        expect(await storage.versions.latestAutoVersionAt('b1')).toBe('2024-11-08T10:00:00.000Z')
      })
    })
  })
}
