import { useState } from 'react'
import type { CommandName, CommandPayload, CommandResult } from '../../../../shared/session.ts'
import type { Translate } from '../../i18n/useMessages.ts'
import type { WorkshopConnection } from '../WorkshopConnection.ts'

/** Sends a command and keeps the server's refusal as a sentence to show next to the control. */
export function useCommand(connection: WorkshopConnection, t: Translate) {
  const [refusal, setRefusal] = useState<string | null>(null)
  async function send<C extends CommandName>(command: C, payload: CommandPayload<C>): Promise<CommandResult> {
    const result = await connection.send(command, payload)
    setRefusal(result.ok ? null : refusalText(result.error.code, t))
    return result
  }
  return { send, refusal }
}

export function refusalText(code: string, t: Translate): string {
  switch (code) {
    case 'forbidden':
      return t('workshop.refused.forbidden')
    case 'conflict':
      return t('workshop.refused.conflict')
    case 'rate_limited':
      return t('workshop.refused.rateLimited')
    case 'invalid':
      return t('workshop.refused.invalid')
    default:
      return t('workshop.refused.offline')
  }
}
