import { Router } from 'express'
import type { Board } from '../../shared/api.ts'
import { BOARD_SNAPSHOT_FORMAT, importBoardBodySchema, type BoardSnapshot } from '../../shared/boardSnapshot.ts'
import { namedVersionBodySchema } from '../../shared/boardVersions.ts'
import type { Principal } from '../auth/AccessControl.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import type { EventChanges } from '../workshop/EventChanges.ts'
import type { BoardHistory } from '../boards/BoardHistory.ts'
import { checkRecords } from '../boards/tldrawRecords.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { ApiFailure } from './apiErrors.ts'
import { parseBody, parseId } from './parseRequest.ts'
import { assertEventRole, assertFacilitator, principalOf } from './requireAuth.ts'

export interface BoardsApiDeps {
  events: EventStore
  documents: BoardDocuments
  history: BoardHistory
  changes: EventChanges
}

/** Export, import and version history of boards. Mounted after requireAuth. */
export function createBoardsApi({ events, documents, history, changes }: BoardsApiDeps): Router {
  const router = Router()

  async function boardFor(principal: Principal, rawId: string | string[] | undefined, facilitatorOnly: boolean): Promise<Board> {
    const board = await events.getBoard(parseId(rawId, 'board'))
    if (!board) throw new ApiFailure('not_found', 'no such board')
    if (facilitatorOnly) assertFacilitator(principal, board.eventId)
    else assertEventRole(principal, board.eventId)
    return board
  }

  /** The board screen learns its event from here, to open the event's workshop channel. */
  router.get('/boards/:boardId', async (req, res) => {
    res.json(await boardFor(principalOf(res), req.params.boardId, false))
  })

  router.get('/boards/:boardId/export', async (req, res) => {
    const board = await boardFor(principalOf(res), req.params.boardId, false)
    const content = await documents.read(board.id)
    const snapshot: BoardSnapshot = {
      format: BOARD_SNAPSHOT_FORMAT,
      version: 1,
      title: board.title,
      exportedAt: new Date().toISOString(),
      schema: content.schema,
      records: content.records as BoardSnapshot['records'],
    }
    const fileName = `${board.title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'board'}.ideenschmiede.json`
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    res.json(snapshot)
  })

  router.post('/events/:eventId/boards/import', async (req, res) => {
    const eventId = parseId(req.params.eventId, 'event')
    assertFacilitator(principalOf(res), eventId)
    if (!(await events.getEvent(eventId))) throw new ApiFailure('not_found', 'no such event')
    const body = parseBody(importBoardBodySchema, req.body)
    const checked = checkRecords(body.snapshot.schema, body.snapshot.records)
    if (!checked.ok) throw new ApiFailure('bad_request', checked.error)
    const board = await events.createBoard(eventId, body.title ?? body.snapshot.title, 'leer')
    await documents.replaceRecords(board.id, checked.records)
    changes.notify(eventId)
    res.status(201).json(board)
  })

  router.get('/boards/:boardId/versions', async (req, res) => {
    const board = await boardFor(principalOf(res), req.params.boardId, true)
    res.json(await history.list(board.id))
  })

  router.post('/boards/:boardId/versions', async (req, res) => {
    const board = await boardFor(principalOf(res), req.params.boardId, true)
    const { name } = parseBody(namedVersionBodySchema, req.body)
    res.status(201).json(await history.createNamed(board.id, name))
  })

  router.get('/boards/:boardId/versions/:versionId', async (req, res) => {
    const board = await boardFor(principalOf(res), req.params.boardId, true)
    const content = await history.preview(board.id, parseId(req.params.versionId, 'version'))
    if (!content) throw new ApiFailure('not_found', 'no such version of this board')
    res.json(content)
  })

  router.post('/boards/:boardId/versions/:versionId/restore', async (req, res) => {
    const board = await boardFor(principalOf(res), req.params.boardId, true)
    const result = await history.restore(board.id, parseId(req.params.versionId, 'version'))
    if (!result.ok) throw new ApiFailure(result.error === 'not_found' ? 'not_found' : 'conflict', result.message)
    res.json({ backup: result.backup })
  })

  return router
}
