import type { Pool, PoolClient } from 'pg'

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'REPEATABLE READ READ ONLY'

/**
 * Runs `work` in one transaction on one connection of the pool: committed
 * when it resolves, rolled back when it throws. A connection that broke or
 * whose rollback failed is in an unknown state, so it is closed instead of
 * going back to the pool.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
  const client = await pool.connect()
  // A checked-out connection that breaks emits 'error' besides failing its query; unheard, that event would end the process.
  let broken: Error | undefined
  const onError = (error: Error): void => {
    broken = error
  }
  client.on('error', onError)
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
    })
    throw error
  } finally {
    client.off('error', onError)
    client.release(broken)
  }
}
