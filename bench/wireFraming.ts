import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * How a bench client frames y-websocket messages for a server. Ours and the
 * reference speak y-websocket as is. Hocuspocus multiplexes documents over one
 * socket: every frame in both directions starts with the document name
 * (varString), and a document opens with an Auth message before its sync.
 */
export type WireFraming = { kind: 'y-websocket' } | { kind: 'hocuspocus'; document: string }

export const Y_WEBSOCKET: WireFraming = { kind: 'y-websocket' }

export interface Framer {
  /** Frames to send as soon as the socket opens, ahead of the first sync message. */
  readonly opening: readonly Uint8Array[]
  wrap(message: Uint8Array): Uint8Array
  /** The y-websocket message inside a received frame (a view, not a copy). */
  unwrap(frame: Buffer): Buffer
}

/** Hocuspocus's MessageType values (@hocuspocus/server src/types.ts) that a bench client meets. */
const HOCUSPOCUS_SYNC = 0
const HOCUSPOCUS_AUTH = 2
/** A sync message the receiver must not answer with its own step 1; to a client it reads like any sync message. */
const HOCUSPOCUS_SYNC_REPLY = 4
/** AuthMessageType.Token (@hocuspocus/common src/auth.ts). */
const HOCUSPOCUS_AUTH_TOKEN = 0
/** The peer runs without an onAuthenticate hook, so any token is accepted; the provider sends one all the same. */
const HOCUSPOCUS_TOKEN = 'bench'

const PLAIN: Framer = { opening: [], wrap: (message) => message, unwrap: (frame) => frame }

export function framerFor(framing: WireFraming | undefined): Framer {
  if (!framing || framing.kind === 'y-websocket') return PLAIN
  const addressEncoder = encoding.createEncoder()
  encoding.writeVarString(addressEncoder, framing.document)
  const address = encoding.toUint8Array(addressEncoder)
  const auth = encoding.createEncoder()
  encoding.writeUint8Array(auth, address)
  encoding.writeVarUint(auth, HOCUSPOCUS_AUTH)
  encoding.writeVarUint(auth, HOCUSPOCUS_AUTH_TOKEN)
  encoding.writeVarString(auth, HOCUSPOCUS_TOKEN)
  return {
    opening: [encoding.toUint8Array(auth)],
    wrap: (message) => Buffer.concat([address, message]),
    unwrap: (frame) => {
      // Skips the name without decoding it: every frame on this socket is for the one document it opened.
      const decoder = decoding.createDecoder(frame)
      const nameBytes = decoding.readVarUint(decoder)
      const inner = frame.subarray(decoder.pos + nameBytes)
      // The received buffer is this client's own, so the type byte (one byte, both values < 128) may be rewritten.
      if (inner[0] === HOCUSPOCUS_SYNC_REPLY) inner[0] = HOCUSPOCUS_SYNC
      return inner
    },
  }
}
