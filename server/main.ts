import { createServer } from './app.ts'
import { parseConfig } from './config.ts'
import { createLogger } from './logger.ts'

const parsed = parseConfig(process.env)
if (!parsed.ok) {
  process.stderr.write(`${parsed.error}\n`)
  process.exit(1)
}
const { config } = parsed
const logger = createLogger(config.logLevel)
const server = createServer(config, logger)

const port = await server.listen()
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
logger.info({ port, host: config.host, dataDir: config.dataDir }, 'Ideenschmiede is listening')
process.stdout.write(`\n  Ideenschmiede läuft auf http://${shownHost}:${port}/\n\n`)

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
