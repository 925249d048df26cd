/** Where a DATABASE_URL points, for messages and logs: host, port and database, never the user's password. */
export function describeTarget(databaseUrl: string): string {
  const url = new URL(databaseUrl)
  return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`
}

/** A connection error's text; connecting to a name with several addresses fails with an AggregateError whose own message is empty. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeError).join('; ')
  if (error instanceof Error) return error.message || ('code' in error ? String(error.code) : error.name)
  return String(error)
}
