import { createShapeId, PageRecordType, toRichText, type TLFrameShape, type TLNoteShape, type TLParentId, type TLRichText } from '@tldraw/tlschema'
import { createTLStore, defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { buildEventReport, renderReportCsv, renderReportMarkdown, type EventReportInput } from '../../server/report/index.ts'
import { noteAuthorMeta } from '../../shared/noteMeta.ts'
import type { Side } from '../../shared/sides.ts'

const PAGE = PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Seite 1', index: 'a1' as never })

function frame(key: string, name: string, x: number, y: number, parentId: TLParentId = PAGE.id): TLFrameShape {
  return {
    id: createShapeId(key),
    typeName: 'shape',
    type: 'frame',
    x,
    y,
    rotation: 0,
    index: 'a1' as never,
    parentId,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 700, h: 500, name, color: 'black' },
  }
}

function note(key: string, text: string | TLRichText, side: Side | null, x: number, y: number, parentId: TLParentId = PAGE.id): TLNoteShape {
  return {
    id: createShapeId(key),
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    index: 'a1' as never,
    parentId,
    isLocked: false,
    opacity: 1,
    meta: side ? noteAuthorMeta({ authorId: `user-${key}`, authorSide: side }) : {},
    props: {
      color: 'violet',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: typeof text === 'string' ? toRichText(text) : text,
      scale: 1,
      textLastEditedBy: null,
    },
  }
}

const challenge = frame('challenge', 'Herausforderung', 0, 0)
const ideas = frame('ideas', 'Ideen', 800, 0)
const favourites = frame('favourites', 'Favoriten', 20, 20, ideas.id)
const unnamed = frame('unnamed', '  ', 0, 600)

/** A note written in the editor: a list, a hard break and formatting marks in ProseMirror JSON. */
const formattedRichText: TLRichText = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Fragen:', marks: [{ type: 'bold' }] }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wer zahlt?' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wann' }, { type: 'hardBreak' }, { type: 'text', text: 'starten wir?' }] }] },
      ],
    },
  ],
}

const workshopRecords = [
  { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
  PAGE,
  challenge,
  ideas,
  favourites,
  unnamed,
  note('c1', 'Lieferungen, "just in time"', 'unternehmen', 20, 300, challenge.id),
  note('c2', 'Mehr Sichtbarkeit\nfür Größe & Qualität', 'kreative', 240, 80, challenge.id),
  note('c3', 'Zu wenig Fachkräfte', 'institution', 20, 80, challenge.id),
  note('i1', 'Lastenrad-Kurier', 'kreative', 300, 300, ideas.id),
  note('i2', '- Pop-up-Laden\n1. Woche gratis', null, 20, 300, ideas.id),
  note('f1', formattedRichText, 'unternehmen', 10, 10, favourites.id),
  note('loose', '=SUMME(A1:A9)', 'kreative', 2000, 0),
  note('empty', '', 'kreative', 2000, 400),
  // What a hostile or buggy peer may leave in a board; the report passes over it.
  null,
  'junk',
  { typeName: 'shape', id: 'shape:broken', type: 'note' },
]

const input: EventReportInput = {
  event: { title: 'Auftakt: Handwerk trifft Design', date: '2026-03-12', place: 'Kiel, Alte Mu' },
  boards: [
    { board: { title: 'Workshop Gruppe 1' }, records: workshopRecords, voteResults: { [createShapeId('c1')]: 2, [createShapeId('c2')]: 5, [createShapeId('i1')]: 1, [createShapeId('loose')]: 3 } },
    {
      board: { title: 'Pitch' },
      records: [PAGE, note('p1', 'Wie groß ist euer Team?', 'unternehmen', 0, 100), note('p2', 'Gibt es Fördergeld?', 'institution', 0, 0)],
      voteResults: null,
    },
  ],
}

describe('results report of an event', () => {
  it('uses realistic notes: every fixture record but the deliberately broken ones passes tldraw validation', () => {
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
    const valid = workshopRecords.slice(0, -3)
    for (const record of valid) expect(() => store.schema.validateRecord(store, record as never, 'createRecord', null)).not.toThrow()
  })

  it('groups notes by frame (nested frames by path) in reading order, sorted by revealed votes, with author sides', () => {
    const report = buildEventReport(input)
    expect(report.event).toEqual({ title: 'Auftakt: Handwerk trifft Design', date: '2026-03-12', place: 'Kiel, Alte Mu' })
    expect(report.matches).toBeNull()
    const [workshop, pitch] = report.boards
    expect(workshop).toEqual({
      title: 'Workshop Gruppe 1',
      votesRevealed: true,
      frames: [
        {
          title: 'Herausforderung',
          notes: [
            { text: 'Mehr Sichtbarkeit\nfür Größe & Qualität', side: 'kreative', votes: 5 },
            { text: 'Lieferungen, "just in time"', side: 'unternehmen', votes: 2 },
            { text: 'Zu wenig Fachkräfte', side: 'institution', votes: 0 },
          ],
        },
        {
          title: 'Ideen',
          notes: [
            { text: 'Lastenrad-Kurier', side: 'kreative', votes: 1 },
            { text: '- Pop-up-Laden\n1. Woche gratis', side: null, votes: 0 },
          ],
        },
        { title: 'Ideen › Favoriten', notes: [{ text: 'Fragen:\n• Wer zahlt?\n• Wann\nstarten wir?', side: 'unternehmen', votes: 0 }] },
        { title: 'Rahmen ohne Namen', notes: [] },
      ],
      notesOutsideFrames: [
        { text: '=SUMME(A1:A9)', side: 'kreative', votes: 3 },
        { text: '', side: 'kreative', votes: 0 },
      ],
    })
    // Without a revealed vote: no numbers, notes top to bottom.
    expect(pitch).toEqual({
      title: 'Pitch',
      votesRevealed: false,
      frames: [],
      notesOutsideFrames: [
        { text: 'Gibt es Fördergeld?', side: 'institution', votes: null },
        { text: 'Wie groß ist euer Team?', side: 'unternehmen', votes: null },
      ],
    })
  })

  it('renders readable Markdown with German headings, escaping whatever notes say', () => {
    expect(renderReportMarkdown(buildEventReport(input))).toBe(
      [
        '# Ergebnisse: Auftakt: Handwerk trifft Design',
        '',
        '**Datum:** 12.03.2026 · **Ort:** Kiel, Alte Mu',
        '',
        '## Board: Workshop Gruppe 1',
        '',
        'Notizen nach Punkten sortiert, bei Gleichstand in Lesereihenfolge.',
        '',
        '### Herausforderung',
        '',
        '1. **5 Punkte** · Kreative (K): Mehr Sichtbarkeit\\',
        '   für Größe \\& Qualität',
        '2. **2 Punkte** · Unternehmen (U): Lieferungen, "just in time"',
        '3. **0 Punkte** · Institution (I): Zu wenig Fachkräfte',
        '',
        '### Ideen',
        '',
        '1. **1 Punkt** · Kreative (K): Lastenrad-Kurier',
        '2. **0 Punkte** · Seite unbekannt: - Pop-up-Laden\\',
        '   1\\. Woche gratis',
        '',
        '### Ideen › Favoriten',
        '',
        '1. **0 Punkte** · Unternehmen (U): Fragen:\\',
        '   • Wer zahlt?\\',
        '   • Wann\\',
        '   starten wir?',
        '',
        '### Rahmen ohne Namen',
        '',
        '_Keine Notizen._',
        '',
        '### Außerhalb der Rahmen',
        '',
        '1. **3 Punkte** · Kreative (K): =SUMME(A1:A9)',
        '2. **0 Punkte** · Kreative (K): _(leere Notiz)_',
        '',
        '## Board: Pitch',
        '',
        'Keine Abstimmung aufgedeckt – Notizen in Lesereihenfolge.',
        '',
        '### Außerhalb der Rahmen',
        '',
        '1. Institution (I): Gibt es Fördergeld?',
        '2. Unternehmen (U): Wie groß ist euer Team?',
        '',
      ].join('\n'),
    )
  })

  it('renders CSV for German Excel: a BOM, semicolons, a German header and one row per note, quoting semicolons, quotes and line breaks', () => {
    const csv = renderReportCsv(buildEventReport(input))
    expect(csv.startsWith('\uFEFFBoard;Rahmen;Notiz;Seite;Punkte\r\n')).toBe(true)
    expect(csv).toContain('\r\nWorkshop Gruppe 1;Herausforderung;"Lieferungen, ""just in time""";Unternehmen;2\r\n')
    expect(parseCsv(csv.slice(1))).toEqual([
      ['Board', 'Rahmen', 'Notiz', 'Seite', 'Punkte'],
      ['Workshop Gruppe 1', 'Herausforderung', 'Mehr Sichtbarkeit\nfür Größe & Qualität', 'Kreative', '5'],
      ['Workshop Gruppe 1', 'Herausforderung', 'Lieferungen, "just in time"', 'Unternehmen', '2'],
      ['Workshop Gruppe 1', 'Herausforderung', 'Zu wenig Fachkräfte', 'Institution', '0'],
      ['Workshop Gruppe 1', 'Ideen', 'Lastenrad-Kurier', 'Kreative', '1'],
      // A leading minus or equals sign would make a spreadsheet evaluate the cell.
      ['Workshop Gruppe 1', 'Ideen', "'- Pop-up-Laden\n1. Woche gratis", '', '0'],
      ['Workshop Gruppe 1', 'Ideen › Favoriten', 'Fragen:\n• Wer zahlt?\n• Wann\nstarten wir?', 'Unternehmen', '0'],
      ['Workshop Gruppe 1', '', "'=SUMME(A1:A9)", 'Kreative', '3'],
      ['Workshop Gruppe 1', '', '', 'Kreative', '0'],
      ['Pitch', '', 'Gibt es Fördergeld?', 'Institution', ''],
      ['Pitch', '', 'Wie groß ist euer Team?', 'Unternehmen', ''],
    ])
  })

  it('adds the speed-dating matches, most first, only when they are given', () => {
    const report = buildEventReport({
      ...input,
      boards: [],
      matches: [
        { first: { name: 'Anna', side: 'kreative' }, second: { name: 'Werft [Nord]', side: 'unternehmen' }, count: 1 },
        { first: { name: 'Ben', side: 'kreative' }, second: { name: 'Stadtwerke', side: null }, count: 3 },
      ],
    })
    expect(renderReportMarkdown(report)).toBe(
      [
        '# Ergebnisse: Auftakt: Handwerk trifft Design',
        '',
        '**Datum:** 12.03.2026 · **Ort:** Kiel, Alte Mu',
        '',
        '_Diese Veranstaltung hat noch keine Boards._',
        '',
        '## Gegenseitige Treffer im Speeddating',
        '',
        '- Ben (K) × Stadtwerke: 3',
        '- Anna (K) × Werft \\[Nord\\] (U): 1',
        '',
      ].join('\n'),
    )
    expect(renderReportCsv(report)).toBe('\uFEFFBoard;Rahmen;Notiz;Seite;Punkte\r\n')
  })

  it('leaves out date and place when the event has none', () => {
    const markdown = renderReportMarkdown(buildEventReport({ event: { title: 'Online # 2' }, boards: [{ board: { title: 'Leer' }, records: [PAGE], voteResults: null }] }))
    expect(markdown).toBe(
      [
        '# Ergebnisse: Online \\# 2',
        '',
        '## Board: Leer',
        '',
        'Keine Abstimmung aufgedeckt – Notizen in Lesereihenfolge.',
        '',
        '_Keine Notizen auf diesem Board._',
        '',
      ].join('\n'),
    )
  })
})

/** RFC 4180 with semicolons, as German Excel reads it: quoted fields may hold semicolons, doubled quotes and line breaks; rows end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ';') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field])
      row = []
      field = ''
      i++
    } else field += char
  }
  expect(field === '' && row.length === 0 && !quoted, 'the CSV ends with a complete row').toBe(true)
  return rows
}
