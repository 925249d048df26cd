import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import { CloseCode } from '../../shared/closeCodes.ts'
import { privateNotesRoom } from '../../shared/privateNotes.ts'
import type { BoardVersionInfo } from '../../server/storage/VersionStore.ts'
import { api, createEventFixture, type EventFixture } from '../support/api.ts'
import { findInDataDir } from '../support/dataDirScan.ts'
import { connectRecording, connectSynced, type BoardClient, type ReceivedFrames } from '../support/boardClient.ts'
import { joinAs, type Participant } from '../support/participants.ts'
import { openRaw } from '../support/rawSyncClient.ts'
import { connectSession, type SessionClient } from '../support/sessionClient.ts'
import { note } from '../support/shapeRecords.ts'
import { startTestServer, type TestServer } from '../support/testServer.ts'
import { until } from '../support/until.ts'

const MARKER_A = 'Leuchtturm-7f3a9c'
const MARKER_B = 'Kompass-2b8d41'

let server: TestServer
let f: EventFixture
let facilitator: SessionClient
let anna: Participant
let ben: Participant
let projectorSession: SessionClient
const closers: Array<() => void> = []

function keep<T extends { destroy(): void }>(client: T): T {
  closers.push(() => client.destroy())
  return client
}

async function recording(room: string, token: string): Promise<BoardClient & ReceivedFrames> {
  const client = keep(connectRecording(server.wsUrl, room, token))
  await until(() => client.provider.synced, `${room} to sync`)
  return client
}

function boardNotes(client: BoardClient): Map<string, { x: number; y: number; meta: Record<string, unknown> }> {
  const notes = new Map<string, { x: number; y: number; meta: Record<string, unknown> }>()
  for (const [id, record] of readBoardRecords(client.doc)) {
    if ((record as { type?: string }).type === 'note') notes.set(id, record as { x: number; y: number; meta: Record<string, unknown> })
  }
  return notes
}

beforeEach(async () => {
  server = await startTestServer()
  f = await createEventFixture(server.httpUrl, server.adminToken)
  facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
  anna = await joinAs(server.httpUrl, f, 'Anna', 'kreative')
  ben = await joinAs(server.httpUrl, f, 'Ben', 'unternehmen')
  projectorSession = await connectSession(server.httpUrl, f.viewer.token, f.event.id)
  closers.push(() => facilitator.close(), () => anna.client.close(), () => ben.client.close(), () => projectorSession.close())
})

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server.stop()
})

describe('Stille Ideensammlung', () => {
  it("keeps A's notes off B's and the projector's connections until the reveal, then puts all of them on the board in one change", async () => {
    const boardId = f.board.id
    const benBoard = await recording(boardId, ben.token)
    const projectorBoard = await recording(boardId, f.viewer.token)
    expect((await facilitator.send('silent:start', { boardId, durationMs: 120_000 })).ok).toBe(true)

    const annaPrivate = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), anna.token))
    const benPrivate = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), ben.token))
    annaPrivate.doc.transact(() =>
      writeBoardRecords(annaPrivate.doc, {
        set: [note('shape:anna-1', 'page:page', `Idee ${MARKER_A} eins`, 'kreative', 0), { ...note('shape:anna-2', 'page:page', `Idee ${MARKER_A} zwei`, 'kreative', 1), x: 640, y: 480 }],
      }),
    )
    benPrivate.doc.transact(() => writeBoardRecords(benPrivate.doc, { set: [note('shape:ben-1', 'page:page', `Idee ${MARKER_B}`, 'unternehmen', 2)] }))
    await until(() => facilitator.state()?.silentRound?.total === 3, 'the facilitator to count three notes')

    // Counts per person for the facilitator; only the total for participants and the projector.
    expect(facilitator.state()?.silentRound?.counts).toEqual({ [anna.id]: 2, [ben.id]: 1 })
    for (const other of [anna.client, ben.client, projectorSession]) {
      await until(() => other.state()?.silentRound?.total === 3, 'the total to reach everyone')
      expect(other.state()?.silentRound?.counts).toEqual({})
    }
    // Typing into a note changes no count, so the facilitator hears nothing of it.
    const statesBefore = facilitator.states.length
    annaPrivate.doc.transact(() => writeBoardRecords(annaPrivate.doc, { set: [note('shape:anna-1', 'page:page', `Idee ${MARKER_A} eins, länger`, 'kreative', 0)] }))
    const probe = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), anna.token))
    await until(() => JSON.stringify(readBoardRecords(probe.doc).get('shape:anna-1')).includes('länger'), "Anna's edit stored")
    expect(facilitator.states.length).toBe(statesBefore)

    // Nothing of A's text reaches B, the projector or any workshop channel; B's private document holds only B's note.
    expect(benBoard.contain(MARKER_A)).toBe(false)
    expect(projectorBoard.contain(MARKER_A)).toBe(false)
    expect(readBoardRecords(benBoard.doc).has('shape:anna-1')).toBe(false)
    expect(Array.from(readBoardRecords(benPrivate.doc).keys())).toEqual(['shape:ben-1'])
    for (const session of [facilitator, ben.client, projectorSession]) {
      expect(JSON.stringify(session.received)).not.toContain(MARKER_A)
    }

    const framesBefore = benBoard.frames.length
    expect((await facilitator.send('silent:reveal', {})).ok).toBe(true)
    for (const watcher of [benBoard, projectorBoard]) {
      await until(() => boardNotes(watcher).size === 3, 'the revealed notes on the board')
      const notes = boardNotes(watcher)
      expect(notes.get('shape:anna-2')).toMatchObject({ x: 640, y: 480, meta: { authorId: anna.id, authorSide: 'kreative', authorName: 'Anna' } })
      expect(notes.get('shape:ben-1')?.meta).toMatchObject({ authorId: ben.id, authorSide: 'unternehmen', authorName: 'Ben' })
    }
    // One update carries every revealed note.
    const revealFrames = benBoard.frames.slice(framesBefore).filter((frame) => Buffer.from(frame).includes(MARKER_A))
    expect(revealFrames).toHaveLength(1)
    expect(Buffer.from(revealFrames[0] ?? new Uint8Array()).includes(MARKER_B)).toBe(true)

    await until(() => facilitator.state()?.silentRound === null, 'the round to be over')
    await until(() => readBoardRecords(annaPrivate.doc).size === 0, "Anna's private notes to be moved out")
    const versions = await api<BoardVersionInfo[]>(server.httpUrl, 'GET', `/api/boards/${boardId}/versions`, f.facilitator.token)
    expect(versions.body.map((version) => version.name)).toContain('Stille Ideensammlung aufgedeckt')
    const exported = await api<{ records: unknown[] }>(server.httpUrl, 'GET', `/api/boards/${boardId}/export`, f.facilitator.token)
    expect(JSON.stringify(exported.body)).toContain(MARKER_A)
  })

  it('reveals one person, ends without revealing the rest, and the rest stay with their author', async () => {
    const boardId = f.board.id
    expect((await facilitator.send('silent:start', { boardId })).ok).toBe(true)
    const annaPrivate = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), anna.token))
    const benPrivate = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), ben.token))
    annaPrivate.doc.transact(() => writeBoardRecords(annaPrivate.doc, { set: [note('shape:anna-1', 'page:page', MARKER_A, 'kreative', 0)] }))
    benPrivate.doc.transact(() => writeBoardRecords(benPrivate.doc, { set: [note('shape:ben-1', 'page:page', MARKER_B, 'unternehmen', 1)] }))
    await until(() => facilitator.state()?.silentRound?.total === 2, 'two notes counted')

    expect((await facilitator.send('silent:reveal', { personId: anna.id })).ok).toBe(true)
    const exportText = async () => JSON.stringify((await api(server.httpUrl, 'GET', `/api/boards/${boardId}/export`, f.facilitator.token)).body)
    expect(await exportText()).toContain(MARKER_A)
    expect(await exportText()).not.toContain(MARKER_B)
    expect(facilitator.state()?.silentRound).toMatchObject({ status: 'running', counts: { [ben.id]: 1 }, total: 1 })

    expect((await facilitator.send('silent:end', {})).ok).toBe(true)
    expect(facilitator.state()?.silentRound).toMatchObject({ status: 'ended', counts: { [ben.id]: 1 } })
    benPrivate.destroy()
    const benAgain = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), ben.token))
    expect(JSON.stringify(Array.from(readBoardRecords(benAgain.doc).values()))).toContain(MARKER_B)
    expect(await exportText()).not.toContain(MARKER_B)

    // No round on another board while this one's notes are unrevealed: they would lose their count and their way onto the board.
    const otherBoard = await api<{ id: string }>(server.httpUrl, 'POST', `/api/events/${f.event.id}/boards`, f.facilitator.token, { title: 'Zweite Wand' })
    const elsewhere = await facilitator.send('silent:start', { boardId: otherBoard.body.id })
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(facilitator.state()?.silentRound).toMatchObject({ boardId, status: 'ended', counts: { [ben.id]: 1 } })

    // A new round on the same board counts on from what is still unrevealed.
    expect((await facilitator.send('silent:start', { boardId })).ok).toBe(true)
    expect(facilitator.state()?.silentRound).toMatchObject({ status: 'running', counts: { [ben.id]: 1 } })
  })

  it("unrevealed notes are personal data: a person's deletion takes theirs, the event's deletion takes everyone's", async () => {
    const boardId = f.board.id
    expect((await facilitator.send('silent:start', { boardId })).ok).toBe(true)
    const annaPrivate = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), anna.token))
    const benPrivate = keep(await connectSynced(server.wsUrl, privateNotesRoom(boardId), ben.token))
    annaPrivate.doc.transact(() => writeBoardRecords(annaPrivate.doc, { set: [note('shape:anna-1', 'page:page', MARKER_A, 'kreative', 0)] }))
    benPrivate.doc.transact(() => writeBoardRecords(benPrivate.doc, { set: [note('shape:ben-1', 'page:page', MARKER_B, 'unternehmen', 1)] }))
    await until(() => facilitator.state()?.silentRound?.total === 2, 'two notes counted')
    const { boards } = server.server.storage
    await expect.poll(async () => (await boards.listDocumentIds(`private:${boardId}:`)).length).toBe(2)

    expect((await api(server.httpUrl, 'DELETE', `/api/events/${f.event.id}/my-data`, anna.token)).status).toBe(204)
    await until(() => facilitator.state()?.silentRound?.total === 1, "Anna's note no longer counted")
    expect(facilitator.state()?.silentRound?.counts).toEqual({ [ben.id]: 1 })
    expect(await boards.listDocumentIds(`private:${boardId}:`)).toEqual([`private:${boardId}:${ben.id}`])
    expect(findInDataDir(server.config.dataDir, [MARKER_A])).toEqual([])
    expect(findInDataDir(server.config.dataDir, [MARKER_B])).not.toEqual([])

    expect((await api(server.httpUrl, 'DELETE', `/api/events/${f.event.id}`, f.facilitator.token, { confirmTitle: f.event.title })).status).toBe(204)
    expect(await boards.listDocumentIds('private:')).toEqual([])
    expect(findInDataDir(server.config.dataDir, [MARKER_A, MARKER_B])).toEqual([])
  })

  it('a projector cannot open private notes, and a participant cannot start a round', async () => {
    const raw = openRaw(`${server.wsUrl}/${privateNotesRoom(f.board.id)}?token=${f.viewer.token}`)
    expect((await raw.closed).code).toBe(CloseCode.forbidden)
    expect((await anna.client.send('silent:start', { boardId: f.board.id })).ok).toBe(false)
  })
})
