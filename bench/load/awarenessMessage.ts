import * as encoding from 'lib0/encoding'

/** y-websocket's top-level message type for presence. */
const MESSAGE_AWARENESS = 1

/** One awareness entry as y-protocols encodes it: the update a stock client sends when its cursor moves. */
export function writeAwarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const entries = encoding.createEncoder()
  encoding.writeVarUint(entries, 1)
  encoding.writeVarUint(entries, clientId)
  encoding.writeVarUint(entries, clock)
  encoding.writeVarString(entries, JSON.stringify(state))
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(entries))
  return encoding.toUint8Array(message)
}

/** Presence as the board page sends it: a name, a cursor and our meta (shared/presenceMeta.ts). */
export function honestPresence(uid: number, tick: number): unknown {
  return {
    presence: {
      userName: `Gast ${uid}`,
      cursor: { x: (tick * 13) % 1_200, y: (tick * 7) % 800, rotation: 0, type: 'default' },
      meta: { coarsePointer: false, facilitator: false },
    },
  }
}
