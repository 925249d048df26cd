import { describe, expect, it } from 'vitest'
import { chooseArrivalTarget, type ArrivalShape } from '../../client/src/board/arrivalCamera.ts'
import { noteAuthorMeta } from '../../shared/noteMeta.ts'
import { profileShapeMeta } from '../../shared/profileShapes.ts'

const title: ArrivalShape = { id: 'shape:title', type: 'text', parentId: 'page:page', meta: {} }
/** A speed-dating table as seedPairBoard lays it out: one card frame per person, each marked with whose card it is. */
const annaCard: ArrivalShape = { id: 'shape:card-1', type: 'frame', parentId: 'page:page', meta: profileShapeMeta('anna', 'name') }
const annaName: ArrivalShape = { id: 'shape:card-1-name', type: 'text', parentId: 'shape:card-1', meta: profileShapeMeta('anna', 'name') }
const benCard: ArrivalShape = { id: 'shape:card-2', type: 'frame', parentId: 'page:page', meta: profileShapeMeta('ben', 'name') }
const pairBoard = [title, annaCard, annaName, benCard]

/** A group board: the canvas's fields, Anna's notes copied into the ideas field, one of hers in a nested cluster frame. */
const ideas: ArrivalShape = { id: 'shape:frame-ideen', type: 'frame', parentId: 'page:page', meta: {} }
const challenge: ArrivalShape = { id: 'shape:frame-herausforderung', type: 'frame', parentId: 'page:page', meta: {} }
const cluster: ArrivalShape = { id: 'shape:cluster', type: 'frame', parentId: 'shape:frame-ideen', meta: {} }
const note = (id: string, parentId: string, authorId: string): ArrivalShape => ({ id, type: 'note', parentId, meta: noteAuthorMeta({ authorId, authorSide: 'kreative' }) })
const groupBoard = [challenge, ideas, cluster, note('shape:a1', 'shape:frame-ideen', 'anna'), note('shape:a2', 'shape:cluster', 'anna'), note('shape:b1', 'shape:frame-herausforderung', 'ben'), note('shape:a3', 'shape:frame-herausforderung', 'anna')]

describe('the view someone arrives at on a board', () => {
  it('is their own card frame on a speed-dating table, whoever else sits there', () => {
    expect(chooseArrivalTarget(pairBoard, { me: 'ben', myNotesMarkMyFrame: false })).toEqual({ kind: 'own-frame', frameId: 'shape:card-2' })
    expect(chooseArrivalTarget(pairBoard, { me: 'anna', myNotesMarkMyFrame: true })).toEqual({ kind: 'own-frame', frameId: 'shape:card-1' })
  })

  it('is all the content for someone without a card there, or while it is not known who they are', () => {
    expect(chooseArrivalTarget(pairBoard, { me: 'clara', myNotesMarkMyFrame: false })).toEqual({ kind: 'content' })
    expect(chooseArrivalTarget(pairBoard, { me: null, myNotesMarkMyFrame: true })).toEqual({ kind: 'content' })
  })

  it('on a group board is the outermost frame holding most of their notes', () => {
    expect(chooseArrivalTarget(groupBoard, { me: 'anna', myNotesMarkMyFrame: true })).toEqual({ kind: 'own-frame', frameId: 'shape:frame-ideen' })
    expect(chooseArrivalTarget(groupBoard, { me: 'ben', myNotesMarkMyFrame: true })).toEqual({ kind: 'own-frame', frameId: 'shape:frame-herausforderung' })
    expect(chooseArrivalTarget(groupBoard, { me: 'clara', myNotesMarkMyFrame: true })).toEqual({ kind: 'content' })
  })

  it('on the open board is all the content, even where the facilitator clustered their notes', () => {
    expect(chooseArrivalTarget(groupBoard, { me: 'anna', myNotesMarkMyFrame: false })).toEqual({ kind: 'content' })
  })

  it('is all the content when their only note lies loose on the page', () => {
    expect(chooseArrivalTarget([note('shape:loose', 'page:page', 'anna')], { me: 'anna', myNotesMarkMyFrame: true })).toEqual({ kind: 'content' })
  })

  it('survives frames whose parents loop', () => {
    const a: ArrivalShape = { id: 'shape:x', type: 'frame', parentId: 'shape:y', meta: {} }
    const b: ArrivalShape = { id: 'shape:y', type: 'frame', parentId: 'shape:x', meta: {} }
    expect(chooseArrivalTarget([a, b, note('shape:n', 'shape:x', 'anna')], { me: 'anna', myNotesMarkMyFrame: true })?.kind).toBe('own-frame')
  })

  it('is nothing on an empty board, which stays at its default view', () => {
    expect(chooseArrivalTarget([], { me: 'anna', myNotesMarkMyFrame: true })).toBeNull()
  })
})
