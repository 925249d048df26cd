import { createHash, randomBytes, randomInt } from 'node:crypto'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/joinCode.ts'

/** 192 random bits: a bearer token. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Tokens carry enough entropy that an unsalted SHA-256 cannot be brute-forced. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}
