import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe } from 'vitest'
import { describeError } from '../../server/storage/postgres/describeTarget.ts'

/** The PostgreSQL the scale-out tests use; the project's machines and CI run one here with trust authentication. */
export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

async function probe(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return null
  } catch (error) {
    return describeError(error)
  } finally {
    await client.end()
  }
}

/** Why PostgreSQL cannot be used, or null when it can; asked once per test file that imports this. */
const unreachable = await probe(POSTGRES_URL)

/**
 * `describe` for tests that need PostgreSQL: runs them when it answers,
 * skips them loudly when not, and fails in CI (CI=true), where they are
 * required. The schemas the tests made are dropped after them.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (unreachable === null) {
    describe(name, () => {
      afterAll(dropTestSchemas)
      body()
    })
    return
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`PostgreSQL tests are required in CI, but ${redacted(POSTGRES_URL)} does not answer: ${unreachable}`)
    })
    return
  }
  process.stderr.write(
    `\n  !!! SKIPPED PostgreSQL tests "${name}": ${redacted(POSTGRES_URL)} does not answer (${unreachable}).\n` +
      '  !!! Start PostgreSQL there or point DATABASE_URL at one to run them.\n\n',
  )
  describe.skip(name, body)
}

const schemas: string[] = []

export interface TestSchema {
  schema: string
  /** A DATABASE_URL whose connections work in the schema (search_path). */
  url: string
}

/** A fresh, empty schema for one test, so tests sharing the database never see each other's tables. Dropped after the test file. */
export async function makeTestSchema(): Promise<TestSchema> {
  const schema = `test_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE SCHEMA ${schema}`)
  schemas.push(schema)
  const url = new URL(POSTGRES_URL)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return { schema, url: url.toString() }
}

/** Runs one statement on the test database outside any test schema: to look at or break what a server stored. */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    return (await client.query<R>(sql, values)).rows
  } finally {
    await client.end()
  }
}

async function dropTestSchemas(): Promise<void> {
  for (const schema of schemas.splice(0)) await adminQuery(`DROP SCHEMA ${schema} CASCADE`)
}

function redacted(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}
