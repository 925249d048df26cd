import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { anonymiseRecords } from '../../server/privacy/anonymiseRecords.ts'
import { buildEventReport } from '../../server/report/index.ts'
import { ANONYMOUS_NOTE_AUTHOR } from '../../shared/noteMeta.ts'
import { profileShapeMeta } from '../../shared/profileShapes.ts'
import { noteRecord } from '../support/noteRecord.ts'

function shape(id: string, type: string, meta: unknown, props: Record<string, unknown>) {
  return { id, typeName: 'shape', type, parentId: 'page:page', index: 'a1', x: 0, y: 0, isLocked: false, meta, props }
}

const annasNote = noteRecord('shape:a', 'page:page', 'Holz trifft Klang', { authorId: 'anna', authorSide: 'kreative' }, 0)
const berndsNote = noteRecord('shape:b', 'page:page', 'Sensoren', { authorId: 'bernd', authorSide: 'unternehmen' }, 1)
const annasCard = shape('shape:card', 'frame', profileShapeMeta('anna', 'name'), { w: 600, h: 560, name: 'K · Anna Quast', color: 'black' })
const annasOffer = shape('shape:offer', 'geo', profileShapeMeta('anna', 'details'), { richText: toRichText('Was ich anbiete: Klangdesign') })
const board = [annasNote, berndsNote, annasCard, annasOffer, { id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} }, 'kaputt', null]

describe('taking people off a board', () => {
  it('one person: their notes keep text and side, their card loses name and details; nothing else changes', () => {
    const changed = anonymiseRecords(board, { personId: 'anna' })
    expect(changed.map((record) => record.id).sort()).toEqual(['shape:a', 'shape:card', 'shape:offer'])
    const byId = new Map(changed.map((record) => [record.id, record]))
    expect(byId.get('shape:a')).toMatchObject({ meta: { authorId: ANONYMOUS_NOTE_AUTHOR, authorSide: 'kreative' }, props: { richText: toRichText('Holz trifft Klang') } })
    expect(byId.get('shape:card')?.props.name).toBe(ANONYMOUS_NOTE_AUTHOR)
    expect(byId.get('shape:offer')?.props.richText).toEqual(toRichText(''))
    expect(JSON.stringify(changed)).not.toMatch(/anna|Anna|Klangdesign/)
  })

  it('everyone: every author goes, and a second pass finds nothing more to change', () => {
    const changed = anonymiseRecords(board, { everyone: true })
    expect(changed.map((record) => record.id).sort()).toEqual(['shape:a', 'shape:b', 'shape:card', 'shape:offer'])
    const merged = board.map((record) => changed.find((c) => typeof record === 'object' && record !== null && 'id' in record && c.id === record.id) ?? record)
    expect(anonymiseRecords(merged, { everyone: true })).toEqual([])
  })

  it('the report never names the person of a profile card frame', () => {
    const report = buildEventReport({ event: { title: 'Auftakt' }, boards: [{ board: { title: 'Speeddating' }, records: board, voteResults: null }] })
    expect(JSON.stringify(report)).not.toContain('Anna')
    expect(report.boards[0]?.frames[0]?.title).toBe(ANONYMOUS_NOTE_AUTHOR)
  })
})
