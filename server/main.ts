import type { IdeenschmiedeServer } from './app.ts'
import { parseConfig } from './config.ts'
import { createLogger } from './logger.ts'
import { openServer } from './openServer.ts'
import { startBanner } from './startBanner.ts'

const parsed = parseConfig(process.env)
if (!parsed.ok) {
  process.stderr.write(`${parsed.error}\n`)
  process.exit(1)
}
const { config } = parsed
const logger = createLogger(config.logLevel)

function fail(message: string): never {
  process.stderr.write(`Ideenschmiede kann nicht starten: ${message}\n`)
  process.exit(1)
}

let server: IdeenschmiedeServer
try {
  server = await openServer(config, logger)
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}

const port = await server.listen().catch((error: NodeJS.ErrnoException) =>
  fail(error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message),
)
logger.info({ port, host: config.host, dataDir: config.dataDir }, 'Ideenschmiede is listening')
process.stdout.write(startBanner(config.host, port, config.publicUrl, server.adminToken))

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down, storing open boards')
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}
