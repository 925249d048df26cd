import { useRef, useState } from 'react'
import type { CommandErrorCode, CommandName, CommandPayload, CommandResult } from '../../../../shared/workshop/index.ts'
import type { Translate } from '../../i18n/useMessages.ts'
import type { WorkshopConnection } from '../WorkshopConnection.ts'

/**
 * Sends commands one at a time from a control: while one is on its way,
 * `pending` is true (buttons show it by being disabled) and a second click
 * sends nothing. The server's refusal is kept as a sentence to show.
 */
export function useCommand(connection: WorkshopConnection, t: Translate) {
  const [refusal, setRefusal] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const inFlight = useRef(false)
  async function send<C extends CommandName>(command: C, payload: CommandPayload<C>): Promise<CommandResult> {
    if (inFlight.current) return { ok: false, error: { code: 'conflict', message: 'the previous command is still on its way' } }
    inFlight.current = true
    setPending(true)
    try {
      const result = await connection.send(command, payload)
      setRefusal(result.ok ? null : refusalText(result.error.code, t))
      return result
    } finally {
      inFlight.current = false
      setPending(false)
    }
  }
  return { send, refusal, pending }
}

export function refusalText(code: CommandErrorCode, t: Translate): string {
  switch (code) {
    case 'forbidden':
      return t('workshop.refused.forbidden')
    case 'conflict':
      return t('workshop.refused.conflict')
    case 'stale':
      return t('workshop.refused.stale')
    case 'rate_limited':
      return t('workshop.refused.rateLimited')
    case 'invalid':
      return t('workshop.refused.invalid')
    case 'timeout':
      return t('workshop.refused.timeout')
    case 'internal':
      return t('workshop.refused.internal')
    case 'offline':
      return t('workshop.refused.offline')
  }
}
