import path from 'node:path'
import { z } from 'zod'

const port = z.coerce.number().int().min(0).max(65_535)
const positiveInt = z.coerce.number().int().positive()
const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PUBLIC_URL: optionalUrl.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_MESSAGE_BYTES: positiveInt.default(2 * 1024 * 1024),
  MAX_SEND_BUFFER_BYTES: positiveInt.default(4 * 1024 * 1024),
  KEEPALIVE_INTERVAL_MS: positiveInt.default(30_000),
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  COMPACT_IDLE_MS: positiveInt.default(2_000),
  MAX_PENDING_UPDATES_PER_CLIENT: positiveInt.default(50),
  MAX_AWARENESS_STATE_BYTES: positiveInt.default(64 * 1024),
  AWARENESS_UPDATES_PER_SECOND: positiveInt.default(30),
  TLDRAW_LICENSE_KEY: z.string().trim().optional(),
  ADMIN_TOKEN: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(16, 'must be at least 16 characters').optional())
    .optional(),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  MAX_JSON_BODY_BYTES: positiveInt.default(1024 * 1024),
  MAX_IMPORT_BYTES: positiveInt.default(50 * 1024 * 1024),
  ASSET_MAX_BYTES: positiveInt.default(10 * 1024 * 1024),
  MAX_DEVICES_PER_EVENT: positiveInt.default(1000),
  DEVICE_IDLE_DAYS: positiveInt.default(30),
  MAX_RECORD_BYTES: positiveInt.default(512 * 1024),
  MAX_BOARD_BYTES: positiveInt.default(64 * 1024 * 1024),
  DATABASE_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .string()
        // The message never repeats the value: a database URL usually carries a password.
        .refine(isPostgresUrl, 'must be a PostgreSQL URL like postgres://user:password@host:5432/database')
        .optional(),
    )
    .optional(),
  REDIS_URL: optionalUrl
    .refine((value) => value === undefined || /^rediss?:\/\//.test(value), 'must start with redis:// or rediss://')
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1 to 64 letters, digits or : _ . -')
    .default('ideenschmiede:'),
})

function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
}

export interface Config {
  port: number
  host: string
  dataDir: string
  publicUrl: string | undefined
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  maxMessageBytes: number
  /** Bytes queued for one sync client before it is dropped as too slow (1013); it resyncs on reconnect. */
  maxSendBufferBytes: number
  keepaliveIntervalMs: number
  compactAfterUpdates: number
  compactIdleMs: number
  maxPendingUpdatesPerClient: number
  /** Largest presence state (cursor, selection, name) of one client. */
  maxAwarenessStateBytes: number
  /** Presence messages per second applied per connection; more are coalesced to the newest. */
  awarenessUpdatesPerSecond: number
  tldrawLicenseKey: string | undefined
  adminToken: string | undefined
  /** Behind a reverse proxy, take the client IP (for join-code rate limits) from X-Forwarded-For. */
  trustProxy: boolean
  maxJsonBodyBytes: number
  maxImportBytes: number
  assetMaxBytes: number
  /** Phones that joined one event by code; past this, joining is refused until idle ones expire or are revoked. */
  maxDevicesPerEvent: number
  /** A phone's access expires after this long without a request. */
  deviceIdleMs: number
  /** Largest single board record (a shape, a page) as JSON; a client writing a bigger one is closed (1009). */
  maxRecordBytes: number
  /** Stored size of one board beyond which writes close the connection (4413); the board can still be read. */
  maxBoardBytes: number
  /** PostgreSQL for everything stored, shared by several processes; unset, storage is the SQLite file in DATA_DIR. */
  databaseUrl: string | undefined
  /** Several processes share boards and workshop control through this Redis; unset, one process serves alone. */
  redisUrl: string | undefined
  /** Starts every Redis key and channel of this deployment, so several may share one Redis. */
  redisKeyPrefix: string
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string }

/** Parses the environment once at start; a bad value names the variable so the operator can fix it. */
export function parseConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    return { ok: false, error: `Invalid configuration — ${problems.join('; ')}` }
  }
  const e = parsed.data
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: path.resolve(e.DATA_DIR),
      publicUrl: e.PUBLIC_URL,
      logLevel: e.LOG_LEVEL,
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxSendBufferBytes: e.MAX_SEND_BUFFER_BYTES,
      keepaliveIntervalMs: e.KEEPALIVE_INTERVAL_MS,
      compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
      compactIdleMs: e.COMPACT_IDLE_MS,
      maxPendingUpdatesPerClient: e.MAX_PENDING_UPDATES_PER_CLIENT,
      maxAwarenessStateBytes: e.MAX_AWARENESS_STATE_BYTES,
      awarenessUpdatesPerSecond: e.AWARENESS_UPDATES_PER_SECOND,
      tldrawLicenseKey: e.TLDRAW_LICENSE_KEY || undefined,
      adminToken: e.ADMIN_TOKEN,
      trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
      maxJsonBodyBytes: e.MAX_JSON_BODY_BYTES,
      maxImportBytes: e.MAX_IMPORT_BYTES,
      assetMaxBytes: e.ASSET_MAX_BYTES,
      maxDevicesPerEvent: e.MAX_DEVICES_PER_EVENT,
      deviceIdleMs: e.DEVICE_IDLE_DAYS * 24 * 60 * 60 * 1000,
      maxRecordBytes: e.MAX_RECORD_BYTES,
      maxBoardBytes: e.MAX_BOARD_BYTES,
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      redisKeyPrefix: e.REDIS_KEY_PREFIX,
    },
  }
}

/** Defaults for tests and tools that build a server in-process. */
export function configWith(overrides: Partial<Config> & Pick<Config, 'dataDir'>): Config {
  const result = parseConfig({})
  if (!result.ok) throw new Error(result.error)
  return { ...result.config, ...overrides }
}
