import type { Side } from '../../../shared/sides.ts'
import type { Directory } from '../speedDating/people.ts'

/** Creatives pitch first, then companies, then institutions: the order the organisers run the evening in. */
const SIDE_BLOCK: Record<Side, number> = { kreative: 0, unternehmen: 1, institution: 2 }

/**
 * The facilitator's working order: what they arranged, with people who
 * saved a profile card since then slotted in at the end of their side's
 * block, and people whose card is gone left out.
 */
export function mergeOrder(arranged: readonly string[], directory: Directory): string[] {
  const known = arranged.filter((id) => directory[id])
  const result = [...known]
  const newcomers = Object.keys(directory)
    .filter((id) => !known.includes(id))
    .sort((a, b) => blockOf(directory, a) - blockOf(directory, b) || (directory[a]?.name ?? '').localeCompare(directory[b]?.name ?? ''))
  for (const id of newcomers) {
    const block = blockOf(directory, id)
    const after = result.findLastIndex((other) => blockOf(directory, other) <= block)
    result.splice(after + 1, 0, id)
  }
  return result
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const result = [...items]
  const [item] = result.splice(from, 1)
  if (item === undefined) return result
  result.splice(Math.max(0, Math.min(to, result.length)), 0, item)
  return result
}

function blockOf(directory: Directory, id: string): number {
  const side = directory[id]?.side
  return side ? SIDE_BLOCK[side] : SIDE_BLOCK.institution
}
