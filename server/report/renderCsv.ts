import { SIDE_INFO } from '../../shared/sides.ts'
import type { EventReport, NoteReport } from './buildEventReport.ts'

/**
 * Excel reads a CSV file as UTF-8 only when it starts with a byte order mark;
 * without it "Größe" arrives as "GrÃ¶ÃŸe". Other spreadsheets skip the mark.
 */
const BOM = '\uFEFF'
const HEADER = ['Board', 'Rahmen', 'Notiz', 'Seite', 'Punkte'] as const

/**
 * One row per note, as RFC 4180 but separated by semicolons: German Excel
 * opens a double-clicked file with the semicolon (the comma is the decimal
 * separator there), and LibreOffice detects it. CRLF between rows; fields
 * with a semicolon, quote or line break quoted and inner quotes doubled, so
 * a note's own line breaks stay inside its field.
 */
const SEPARATOR = ';'
export function renderReportCsv(report: EventReport): string {
  const rows: string[][] = [[...HEADER]]
  for (const board of report.boards) {
    for (const frame of board.frames) {
      for (const note of frame.notes) rows.push(noteRow(board.title, frame.title, note))
    }
    for (const note of board.notesOutsideFrames) rows.push(noteRow(board.title, '', note))
  }
  return BOM + rows.map((row) => `${row.map(field).join(SEPARATOR)}\r\n`).join('')
}

function noteRow(board: string, frame: string, note: NoteReport): string[] {
  return [
    defuseFormula(board),
    defuseFormula(frame),
    defuseFormula(note.text),
    note.side ? SIDE_INFO[note.side].label.de : '',
    note.votes === null ? '' : String(note.votes),
  ]
}

function field(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula: a note
 * "=HYPERLINK(…)" would become a live link, a note "- Lastenrad" an error.
 * A leading apostrophe keeps such text text (OWASP's advice for CSV export).
 */
function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}
