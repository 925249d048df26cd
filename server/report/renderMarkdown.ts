import { formatGermanDate } from '../../shared/dates.ts'
import { SIDE_INFO, type Side } from '../../shared/sides.ts'
import type { BoardReport, EventReport, MatchParty, NoteReport } from './buildEventReport.ts'

/**
 * The report as Markdown with German headings, readable as plain text and
 * rendered. Every piece of board text is escaped, so a note cannot become a
 * heading, a list or a link.
 */
export function renderReportMarkdown(report: EventReport): string {
  const { event } = report
  const blocks: string[] = [`# Ergebnisse: ${escapeInline(event.title)}`]
  const facts = [event.date && `**Datum:** ${escapeInline(formatGermanDate(event.date))}`, event.place && `**Ort:** ${escapeInline(event.place)}`].filter(Boolean)
  if (facts.length > 0) blocks.push(facts.join(' · '))
  if (report.boards.length === 0) blocks.push('_Diese Veranstaltung hat noch keine Boards._')
  for (const board of report.boards) blocks.push(...boardBlocks(board))
  if (report.matches) {
    blocks.push('## Gegenseitige Treffer im Speeddating')
    blocks.push(
      report.matches.length === 0
        ? '_Keine gegenseitigen Treffer._'
        : report.matches.map((match) => `- ${party(match.first)} × ${party(match.second)}: ${match.count}`).join('\n'),
    )
  }
  return `${blocks.join('\n\n')}\n`
}

function boardBlocks(board: BoardReport): string[] {
  const blocks = [
    `## Board: ${escapeInline(board.title)}`,
    board.votesRevealed
      ? 'Notizen nach Punkten sortiert, bei Gleichstand in Lesereihenfolge.'
      : 'Keine Abstimmung aufgedeckt – Notizen in Lesereihenfolge.',
  ]
  const hasNotes = board.notesOutsideFrames.length > 0 || board.frames.some((frame) => frame.notes.length > 0)
  if (!hasNotes) return [...blocks, '_Keine Notizen auf diesem Board._']
  for (const frame of board.frames) {
    blocks.push(`### ${escapeInline(frame.title)}`, frame.notes.length > 0 ? noteList(frame.notes) : '_Keine Notizen._')
  }
  if (board.notesOutsideFrames.length > 0) blocks.push('### Außerhalb der Rahmen', noteList(board.notesOutsideFrames))
  return blocks
}

/** A numbered list; a note's own line breaks become hard breaks inside its item. */
function noteList(notes: readonly NoteReport[]): string {
  return notes
    .map((note, i) => {
      const marker = `${i + 1}. `
      const votes = note.votes === null ? '' : `**${note.votes} ${note.votes === 1 ? 'Punkt' : 'Punkte'}** · `
      // The first line follows the side on the item's line; only the lines after it start a line of their own.
      const [first = '', ...more] = note.text.split('\n')
      const lines = note.text === '' ? ['_(leere Notiz)_'] : [escapeInlineSyntax(first), ...more.map(escapeLineStart)]
      const indent = ' '.repeat(marker.length)
      return `${marker}${votes}${sideText(note.side)}: ${lines.join(`\\\n${indent}`)}`
    })
    .join('\n')
}

function sideText(side: Side | null): string {
  return side ? `${SIDE_INFO[side].label.de} (${SIDE_INFO[side].letter})` : 'Seite unbekannt'
}

function party({ name, side }: MatchParty): string {
  return side ? `${escapeInline(name)} (${SIDE_INFO[side].letter})` : escapeInline(name)
}


/** Markdown's inline syntax; CommonMark lets a backslash escape any ASCII punctuation. */
const INLINE_SYNTAX = /[\\`*_[\]<>#|~&!]/g

function escapeInlineSyntax(text: string): string {
  return text.replace(INLINE_SYNTAX, '\\$&')
}

/** A title or name on one line, its syntax escaped. */
function escapeInline(text: string): string {
  return escapeInlineSyntax(text.replace(/\s+/g, ' '))
}

/** A line of a note that starts a line: also nothing at its start may open a block (list item, heading underline). */
function escapeLineStart(line: string): string {
  return escapeInlineSyntax(line)
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
}
