import { randomBytes } from 'node:crypto'

/** 72 random bits, URL-safe: ids of events, boards, links and votes (not secrets). */
export function newId(): string {
  return randomBytes(9).toString('base64url')
}
