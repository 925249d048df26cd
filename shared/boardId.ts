/** Board ids travel in URLs and WebSocket paths; anything else is refused before it reaches a room. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function isBoardId(value: string): boolean {
  return BOARD_ID_PATTERN.test(value)
}
