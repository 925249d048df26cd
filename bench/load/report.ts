import type { ScenarioResult } from './scenarioResult.ts'

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

/** One table of every figure against its target, scenario by scenario. */
export function renderTable(results: readonly ScenarioResult[]): string {
  const rows: string[][] = [['figure', 'value', 'target', '']]
  for (const result of results) {
    rows.push([`[${result.id}] ${result.title}`, '', '', ''])
    for (const item of result.checks) {
      rows.push([`  ${item.label}`, item.value, item.target, item.met === null ? '' : item.met ? 'met' : 'MISSED'])
    }
  }
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.filter((row) => row[1] !== '' || row[0] === 'figure').map((row) => (row[column] ?? '').length)),
  )
  return rows
    .map((row) => (row[1] === '' && row[0] !== 'figure' ? row[0] ?? '' : row.map((cell, column) => pad(cell, widths[column] ?? 0)).join('  ').trimEnd()))
    .join('\n')
}
