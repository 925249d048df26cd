import { createTLSchema } from '@tldraw/tlschema'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord, type TLShape, type TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { compareBoardSchema } from '../../client/src/collab/boardSchema.ts'
import { richTextToPlainText } from '../../shared/richText.ts'
import { buildTemplateRecords, isTemplateId, TEMPLATE_IDS, TEMPLATES, type TemplateId, type TemplateOptions } from '../../shared/templates/index.ts'

/** The store the board client runs (see client/src/collab/openBoard.ts). */
function clientStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

const PITCHERS = [
  { name: 'Anna Berger', offer: 'Illustration, Erklärfilme', seek: 'Ein Unternehmen mit einer Geschichte' },
  { name: 'Studio Nord', offer: 'Produktdesign', seek: 'Partner:innen aus der Logistik' },
]

const CASES: ReadonlyArray<[TemplateId, TemplateOptions]> = TEMPLATE_IDS.flatMap((id) =>
  (['de', 'en'] as const).flatMap((language): Array<[TemplateId, TemplateOptions]> => [
    [id, { language }],
    [id, { language, pitchers: PITCHERS }],
  ]),
)

function shapes(records: readonly TLRecord[]): TLShape[] {
  return records.filter((record): record is TLShape => record.typeName === 'shape')
}

function frameNames(records: readonly TLRecord[]): string[] {
  return shapes(records).flatMap((shape) => (shape.type === 'frame' ? [shape.props.name] : []))
}

function shapeTexts(records: readonly TLRecord[]): string[] {
  return shapes(records).flatMap((shape) => ('richText' in shape.props ? [richTextToPlainText(shape.props.richText)] : []))
}

function size(shape: TLShape): { w: number; h: number } | null {
  const props = shape.props as { w?: number; h?: number }
  return props.w !== undefined && props.h !== undefined ? { w: props.w, h: props.h } : null
}

describe('board templates', () => {
  it('offers every template id of the API, each with a German and an English title', () => {
    expect([...TEMPLATE_IDS].sort()).toEqual(['cross-innovation-canvas', 'ideenschmiede', 'leer', 'pitch'])
    for (const id of TEMPLATE_IDS) {
      expect(isTemplateId(id)).toBe(true)
      expect(TEMPLATES[id].id).toBe(id)
      expect(TEMPLATES[id].title.de).not.toBe('')
      expect(TEMPLATES[id].title.en).not.toBe('')
    }
    expect(isTemplateId('toString')).toBe(false)
    expect(isTemplateId('canvas')).toBe(false)
  })

  it.each(CASES)('%s (%o) creates only records that pass tldraw schema validation', (id, options) => {
    const store = clientStore()
    const records = buildTemplateRecords(id, options)
    for (const record of records) {
      expect(store.schema.types[record.typeName].scope, record.id).toBe('document')
      expect(store.schema.validateRecord(store, record, 'createRecord', null), record.id).toEqual(record)
    }
    store.put(records)
    expect(store.allRecords()).toHaveLength(records.length)
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length)
    for (const shape of shapes(records)) expect(store.has(shape.parentId), `parent of ${shape.id}`).toBe(true)
  })

  it('writes records with the schema the board client runs, so a client opens a seeded board without migrating', () => {
    expect(compareBoardSchema(clientStore(), createTLSchema().serialize()).kind).toBe('current')
  })

  it.each(CASES)('%s (%o) lays frames out without overlaps and keeps every shape inside its frame', (id, options) => {
    const all = shapes(buildTemplateRecords(id, options))
    const byId = new Map(all.map((shape) => [shape.id, shape]))
    const topLevelFrames = all.filter((shape) => shape.type === 'frame' && !byId.has(shape.parentId as TLShape['id']))
    topLevelFrames.forEach((a, i) => {
      for (const b of topLevelFrames.slice(i + 1)) {
        const [sa, sb] = [size(a), size(b)]
        const apart = !sa || !sb || a.x + sa.w <= b.x || b.x + sb.w <= a.x || a.y + sa.h <= b.y || b.y + sb.h <= a.y
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true)
      }
    })
    for (const shape of all) {
      const frame = byId.get(shape.parentId as TLShape['id'])
      if (!frame) continue
      const [inner, outer] = [size(shape) ?? { w: 0, h: 0 }, size(frame)]
      expect(outer).not.toBeNull()
      expect(shape.x >= 0 && shape.y >= 0 && shape.x + inner.w <= outer!.w && shape.y + inner.h <= outer!.h, `${shape.id} inside ${frame.id}`).toBe(true)
    }
  })

  it('names the first page in the creator’s language, with the page id the board client uses', () => {
    for (const [language, name] of [['de', 'Seite 1'], ['en', 'Page 1']] as const) {
      const pages = buildTemplateRecords('leer', { language }).filter((record) => record.typeName === 'page')
      expect(pages).toEqual([expect.objectContaining({ id: 'page:page', name })])
    }
  })

  it('leaves the blank board empty: a document and a page, no shapes', () => {
    expect(buildTemplateRecords('leer', { language: 'de' }).map((record) => record.typeName)).toEqual(['document', 'page'])
  })

  it('gives the Freie Ideenschmiede a title, a how-to, a legend of sides with letters, and empty cluster frames', () => {
    const de = buildTemplateRecords('ideenschmiede', { language: 'de' })
    expect(frameNames(de)).toEqual(['Cluster 1', 'Cluster 2', 'Cluster 3', 'Cluster 4', 'Cluster 5', 'Cluster 6'])
    const texts = shapeTexts(de)
    expect(texts).toContain('Freie Ideenschmiede')
    expect(texts.some((text) => text.startsWith('So geht’s:\n1. Schreib jede Idee auf eine eigene Notiz'))).toBe(true)
    expect(texts).toEqual(expect.arrayContaining(['Farben der Seiten', 'K · Kreative', 'U · Unternehmen', 'I · Institution']))
    const legendColours = shapes(de).flatMap((shape) => (shape.type === 'geo' ? [shape.props.color] : []))
    expect(legendColours).toEqual(['violet', 'blue', 'green'])
    expect(shapes(de).some((shape) => shape.type === 'note')).toBe(false)

    const en = buildTemplateRecords('ideenschmiede', { language: 'en' })
    expect(shapeTexts(en)).toEqual(expect.arrayContaining(['Open idea forge', 'Colours by side', 'K · Creatives', 'U · Companies', 'I · Institutions']))
    expect(shapeTexts(en).some((text) => text.startsWith('How it works:'))).toBe(true)
  })

  it('gives the Cross-Innovation-Canvas its six fields, in German and in English', () => {
    expect(frameNames(buildTemplateRecords('cross-innovation-canvas', { language: 'de' }))).toEqual([
      'Herausforderung',
      'Kompetenzen der Kreativen',
      'Ideen',
      'Nutzen für Kunden',
      'Nächste Schritte',
      'Wer macht mit?',
    ])
    expect(frameNames(buildTemplateRecords('cross-innovation-canvas', { language: 'en' }))).toEqual([
      'Challenge',
      'Skills of the creatives',
      'Ideas',
      'Benefit for customers',
      'Next steps',
      'Who is in?',
    ])
  })

  it('gives every pitcher a frame with their name, what they offer, what they seek and a frame for questions', () => {
    const de = buildTemplateRecords('pitch', { language: 'de', pitchers: PITCHERS })
    expect(frameNames(de)).toEqual(['Anna Berger', 'Studio Nord', 'Fragen', 'Fragen'])
    const anna = shapes(de).find((shape) => shape.type === 'frame' && shape.props.name === 'Anna Berger')!
    const inAnna = shapes(de).filter((shape) => shape.parentId === anna.id)
    expect(shapeTexts(inAnna)).toEqual(['Anna Berger', 'Was ich anbiete', 'Illustration, Erklärfilme', 'Was ich suche', 'Ein Unternehmen mit einer Geschichte'])
    expect(frameNames(inAnna)).toEqual(['Fragen'])

    const en = buildTemplateRecords('pitch', { language: 'en', pitchers: PITCHERS })
    expect(frameNames(en)).toEqual(['Anna Berger', 'Studio Nord', 'Questions', 'Questions'])
    expect(shapeTexts(en)).toEqual(expect.arrayContaining(['What I offer', 'What I am looking for']))
  })

  it('starts a pitch board without a queue with one blank pitch to fill in', () => {
    const records = buildTemplateRecords('pitch', { language: 'de', pitchers: [] })
    expect(frameNames(records)).toEqual(['Pitch 1', 'Fragen'])
    expect(shapeTexts(records)).toEqual(expect.arrayContaining(['Was ich anbiete', 'Was ich suche']))
  })

  it('lays a template out the same way every time', () => {
    for (const [id, options] of CASES) expect(buildTemplateRecords(id, options)).toEqual(buildTemplateRecords(id, options))
  })
})
