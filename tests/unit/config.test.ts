import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../server/config.ts'
import { runServerToExit } from '../support/serverProcess.ts'

describe('configuration from the environment', () => {
  it('uses the documented defaults', () => {
    const result = parseConfig({})
    expect(result.ok && result.config).toMatchObject({ port: 3000, host: '127.0.0.1', maxMessageBytes: 2 * 1024 * 1024 })
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['MAX_MESSAGE_BYTES', '-5'],
    ['KEEPALIVE_INTERVAL_MS', '1.5'],
    ['LOG_LEVEL', 'loud'],
    ['PUBLIC_URL', 'not a url'],
    ['DATABASE_URL', 'localhost:5432/ideenschmiede'],
    ['DATABASE_URL', 'mysql://db.example.org/ideenschmiede'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_KEY_PREFIX', 'has space'],
  ])('a bad %s (%s) is refused with a message naming it', (name, value) => {
    const result = parseConfig({ [name]: value })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toContain(name)
  })

  it('a DATABASE_URL is taken as given; unset or empty, storage stays SQLite', () => {
    const url = 'postgresql://ideen:geheim@db.example.org:5433/ideenschmiede'
    const given = parseConfig({ DATABASE_URL: url })
    expect(given.ok && given.config.databaseUrl).toBe(url)
    const empty = parseConfig({ DATABASE_URL: '' })
    expect(empty.ok && empty.config.databaseUrl).toBeUndefined()
  })

  it('a bad DATABASE_URL is refused without repeating it, since it may hold a password', () => {
    const result = parseConfig({ DATABASE_URL: 'postgres//ideen:geheim@db' })
    expect(!result.ok && result.error).toContain('DATABASE_URL')
    expect(!result.ok && result.error).not.toContain('geheim')
  })

  it('takes a Redis URL and key prefix for scale-out, and leaves Redis off without them', () => {
    const off = parseConfig({})
    expect(off.ok && off.config).toMatchObject({ redisUrl: undefined, redisKeyPrefix: 'ideenschmiede:' })
    const on = parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2', REDIS_KEY_PREFIX: 'halle-a:' })
    expect(on.ok && on.config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379/2', redisKeyPrefix: 'halle-a:' })
  })

  it('the server does not start on a bad value and says which variable is wrong', async () => {
    const { code, output } = await runServerToExit({ DATA_DIR: '/tmp/unused', MAX_MESSAGE_BYTES: 'lots' })
    expect(code).toBe(1)
    expect(output).toContain('MAX_MESSAGE_BYTES')
  })
})
