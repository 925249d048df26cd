import * as Y from 'yjs'

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

/**
 * True when an update starts some client's structs past what the document
 * holds. Yjs parks such updates in its pending store and re-merges them on
 * every later update, so a client that keeps sending them slows the room.
 */
export function hasClockGap(structs: readonly DecodedStruct[], doc: Y.Doc): boolean {
  const firstClock = new Map<number, number>()
  for (const struct of structs) {
    const { client, clock } = struct.id
    const known = firstClock.get(client)
    if (known === undefined || clock < known) firstClock.set(client, clock)
  }
  for (const [client, clock] of firstClock) {
    if (clock > Y.getState(doc.store, client)) return true
  }
  return false
}
