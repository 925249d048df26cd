/**
 * WebSocket close codes the sync endpoint uses. The 1xxx codes are the
 * protocol's own; the 44xx/45xx family mirrors HTTP so a client can tell
 * "do not retry" (4401, 4403, 4404) from "try again later" (4500, 1011).
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  invalidPayload: 1007,
  messageTooBig: 1009,
  internalError: 1011,
  /** Never sent: what a client sees when the connection ended without a close frame (a killed server, a cut path). */
  abnormalClosure: 1006,
  /** The server restarts; come back at once (it is listening again within seconds). */
  serviceRestart: 1012,
  /** This connection fell behind (its send buffer is full); reconnect and resync. */
  tryAgainLater: 1013,
  unauthorized: 4401,
  forbidden: 4403,
  boardNotFound: 4404,
  /** The board has reached its size limit; it can still be read. */
  boardTooBig: 4413,
  boardUnreadable: 4500,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Close codes after which reconnecting with the same token cannot help. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.boardNotFound,
])
