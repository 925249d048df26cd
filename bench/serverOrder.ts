import { SERVER_KINDS, type ServerKind } from './servers.ts'

/**
 * Four measured blocks in which each server holds each position once (a
 * Latin square): A B C D, D C B A, C D A B, B A D C. Every server's rounds then
 * sit at positions with the same sum, so a straight drift of the shared machine
 * over a scenario hits all four alike, and a curved one almost so (sums of
 * squares 318, 302, 318, 302). For two servers Thue–Morse order (A B B A B A A
 * B) balances both exactly; for four servers in four blocks no order does,
 * Latin or not (searched exhaustively), and this is the closest Latin one.
 */
const MEASURED_BLOCKS: ReadonlyArray<readonly number[]> = [
  [0, 1, 2, 3],
  [3, 2, 1, 0],
  [2, 3, 0, 1],
  [1, 0, 3, 2],
]

/** Which server goes first rotates from scenario to scenario, so no server always starts. */
export function startOrder(scenarioIndex: number): ServerKind[] {
  const count = SERVER_KINDS.length
  return SERVER_KINDS.map((_, index) => SERVER_KINDS[(index + scenarioIndex) % count] as ServerKind)
}

/** Round `block` of a repeated run (cold sync): the Latin square's rows in turn. */
export function blockOrder<Kind extends string>(order: readonly Kind[], block: number): Kind[] {
  const row = MEASURED_BLOCKS[block % MEASURED_BLOCKS.length] ?? MEASURED_BLOCKS[0] ?? []
  return row.map((position) => {
    const kind = order[position]
    if (!kind) throw new Error(`no server at position ${position} of ${order.join(', ')}`)
    return kind
  })
}

/** The warm-up rounds (not merged): in order, and in a full run once more reversed. */
export function warmUpRounds<Kind extends string>(order: readonly Kind[], quick: boolean): Kind[] {
  return quick ? [...order] : [...order, ...[...order].reverse()]
}

/** The measured rounds: a quick run has one each, reversed from the warm-up; a full run four blocks. */
export function measuredRounds<Kind extends string>(order: readonly Kind[], quick: boolean): Kind[] {
  if (quick) return [...order].reverse()
  return MEASURED_BLOCKS.flatMap((_, block) => blockOrder(order, block))
}
