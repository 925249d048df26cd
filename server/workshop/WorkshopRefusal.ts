import type { ServerErrorCode } from '../../shared/workshop/index.ts'

/** An expected refusal of a command; the sender gets its code and message, nothing is logged as an error. */
export class WorkshopRefusal extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
  ) {
    super(message)
  }
}
