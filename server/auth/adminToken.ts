import fs from 'node:fs'
import path from 'node:path'
import { newToken } from './tokens.ts'

const ADMIN_TOKEN_FILE = 'admin-token'

/**
 * ADMIN_TOKEN from the environment wins; otherwise the token generated on
 * first start is kept in DATA_DIR (readable by the owner only) so links stay
 * valid across restarts.
 */
export function loadAdminToken(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv
  const file = path.join(dataDir, ADMIN_TOKEN_FILE)
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim()
    if (stored.length >= 16) return stored
    throw new Error(`${file} holds no usable admin token; delete it to have a new one generated`)
  }
  fs.mkdirSync(dataDir, { recursive: true })
  const token = newToken()
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return token
}
