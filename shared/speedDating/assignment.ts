/**
 * Minimum-cost assignment (Hungarian method with potentials, O(rows² · cols)).
 * `cost` is row-major, rows ≤ cols; every row gets a distinct column.
 * Returns, for each row, the index of its column.
 *
 * Costs must be finite: callers encode "forbidden" as a cost larger than any
 * feasible total, so a feasible instance never chooses it.
 */
export function minCostAssignment(rows: number, cols: number, cost: Float64Array): number[] {
  if (rows > cols) throw new RangeError(`assignment needs rows ≤ cols, got ${rows} × ${cols}`)
  if (cost.length !== rows * cols) throw new RangeError('cost matrix size does not match rows × cols')
  // Index 0 is the method's virtual start row and column, hence the 1-based arrays.
  const rowPotential = new Float64Array(rows + 1)
  const colPotential = new Float64Array(cols + 1)
  const rowOfCol = new Int32Array(cols + 1)
  const previousCol = new Int32Array(cols + 1)
  const minSlack = new Float64Array(cols + 1)
  const visited = new Uint8Array(cols + 1)
  // Every index below is in range by construction, hence `as number` on the typed-array
  // reads: a checked read (`?? 0`) doubles the time of this innermost loop.

  for (let row = 1; row <= rows; row++) {
    rowOfCol[0] = row
    let col = 0
    minSlack.fill(Infinity)
    visited.fill(0)
    do {
      visited[col] = 1
      const fromRow = rowOfCol[col] as number
      const base = (fromRow - 1) * cols - 1
      const fromPotential = rowPotential[fromRow] as number
      let delta = Infinity
      let nextCol = 0
      for (let j = 1; j <= cols; j++) {
        if (visited[j]) continue
        const slack = (cost[base + j] as number) - fromPotential - (colPotential[j] as number)
        if (slack < (minSlack[j] as number)) {
          minSlack[j] = slack
          previousCol[j] = col
        }
        if ((minSlack[j] as number) < delta) {
          delta = minSlack[j] as number
          nextCol = j
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (visited[j]) {
          const r = rowOfCol[j] as number
          rowPotential[r] = (rowPotential[r] as number) + delta
          colPotential[j] = (colPotential[j] as number) - delta
        } else {
          minSlack[j] = (minSlack[j] as number) - delta
        }
      }
      col = nextCol
    } while (rowOfCol[col] !== 0)
    do {
      const before = previousCol[col] as number
      rowOfCol[col] = rowOfCol[before] as number
      col = before
    } while (col !== 0)
  }

  const colOfRow = new Array<number>(rows).fill(-1)
  for (let j = 1; j <= cols; j++) {
    const r = rowOfCol[j] as number
    if (r !== 0) colOfRow[r - 1] = j - 1
  }
  return colOfRow
}
