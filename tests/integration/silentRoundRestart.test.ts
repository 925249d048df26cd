import { afterEach, describe, expect, it } from 'vitest'
import { readBoardRecords, writeBoardRecords } from '../../shared/boardDocument.ts'
import { privateNotesRoom } from '../../shared/privateNotes.ts'
import { createEventFixture } from '../support/api.ts'
import { connectRecording, connectSynced, type BoardClient } from '../support/boardClient.ts'
import { killHard, startServerProcess, type ServerProcess } from '../support/serverProcess.ts'
import { connectSession } from '../support/sessionClient.ts'
import { note } from '../support/shapeRecords.ts'
import { makeDataDir } from '../support/testServer.ts'
import { until } from '../support/until.ts'

const ADMIN_TOKEN = 'silent-round-restart-admin-token'
const MARKER = 'Windrad-5e1c07'
let server: ServerProcess | null = null
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  if (server && server.child.exitCode === null) await killHard(server)
})

describe('Stille Ideensammlung across a crash', () => {
  it("after a SIGKILL during the round, A's notes are still there and still private", async () => {
    const dataDir = makeDataDir()
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN })
    const f = await createEventFixture(server.httpUrl, ADMIN_TOKEN)
    const facilitator = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
    expect((await facilitator.send('silent:start', { boardId: f.board.id })).ok).toBe(true)
    const mine = await connectSynced(server.wsUrl, privateNotesRoom(f.board.id), f.participant.token)
    clients.push(mine)
    mine.doc.transact(() => writeBoardRecords(mine.doc, { set: [note('shape:a-1', 'page:page', MARKER, 'kreative', 0)] }))
    await until(() => facilitator.state()?.silentRound?.total === 1, 'the note counted')
    facilitator.close()

    await killHard(server)
    mine.provider.disconnect()
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN })

    const again = await connectSynced(server.wsUrl, privateNotesRoom(f.board.id), f.participant.token)
    const projector = connectRecording(server.wsUrl, f.board.id, f.viewer.token)
    clients.push(again, projector)
    await until(() => projector.provider.synced, 'the projector to sync')
    expect(JSON.stringify(readBoardRecords(again.doc).get('shape:a-1'))).toContain(MARKER)
    expect(projector.contain(MARKER)).toBe(false)
    const restarted = await connectSession(server.httpUrl, f.facilitator.token, f.event.id)
    expect(restarted.state()?.silentRound).toMatchObject({ status: 'running', total: 1 })
    restarted.close()
  }, 180_000)
})
