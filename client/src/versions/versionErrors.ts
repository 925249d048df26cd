import { ApiRequestError } from '../api/apiClient.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { versionErrorKey, type VersionAction } from './versionText.ts'

/** The sentence for any failure of a call about versions; what is not a refusal from the server is logged for the developers. */
export function versionFailure(action: VersionAction, error: unknown): MessageKey {
  if (error instanceof ApiRequestError) return versionErrorKey(action, error)
  console.error(`Ideenschmiede: versions (${action}) failed`, error)
  return versionErrorKey(action, null)
}
