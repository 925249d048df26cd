/**
 * Where a participant's private notes of a board sync: a y-websocket room of
 * its own, `<boardId>/private`. The room name never names the person; the
 * server takes them from the connection's token, so no connection can ask
 * for anyone else's notes.
 */
export const PRIVATE_NOTES_ROOM_SUFFIX = '/private'

export function privateNotesRoom(boardId: string): string {
  return `${boardId}${PRIVATE_NOTES_ROOM_SUFFIX}`
}
