import { pino } from 'pino'

export type Logger = pino.Logger

/** Token-bearing fields are redacted wherever they appear, as a second line of defence. */
const REDACT_PATHS = ['token', '*.token', 'authorization', '*.authorization', 'req.headers.authorization', 'adminToken']

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination)
}
