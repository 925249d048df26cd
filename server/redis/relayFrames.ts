import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** What one stream entry of a board carries: a stored update, a call to reload the board from storage, or its deletion. */
export type StreamEntry =
  | { kind: 'update'; from: string; update: Uint8Array }
  | { kind: 'resync'; from: string }
  | { kind: 'deleted'; from: string }

/** Field names of a board stream entry (XADD field/value pairs). */
const FROM = 'p'
const KIND = 'k'
const UPDATE = 'u'

export function writeUpdateEntry(from: string, update: Uint8Array): Array<string | Buffer> {
  return [FROM, from, KIND, 'u', UPDATE, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]
}

export function writeResyncEntry(from: string): string[] {
  return [FROM, from, KIND, 'r']
}

export function writeDeletedEntry(from: string): string[] {
  return [FROM, from, KIND, 'd']
}

/** Reads an entry's flat field list; null for anything this version does not know (another version, a stray writer). */
export function readStreamEntry(fields: readonly Buffer[]): StreamEntry | null {
  const values = new Map<string, Buffer>()
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!.toString(), fields[i + 1]!)
  const from = values.get(FROM)?.toString()
  const kind = values.get(KIND)?.toString()
  if (!from) return null
  if (kind === 'r') return { kind: 'resync', from }
  if (kind === 'd') return { kind: 'deleted', from }
  const update = values.get(UPDATE)
  if (kind === 'u' && update) return { kind: 'update', from, update: new Uint8Array(update) }
  return null
}

/** Presence travels by pub/sub, not in the stream: it is frequent, worth nothing once old, and would push updates out of the capped stream. */
export type PresenceFrame = { kind: 'state'; from: string; update: Uint8Array } | { kind: 'query'; from: string }

const PRESENCE_STATE = 0
const PRESENCE_QUERY = 1

export function writePresenceFrame(frame: PresenceFrame): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, frame.from)
  encoding.writeVarUint(encoder, frame.kind === 'state' ? PRESENCE_STATE : PRESENCE_QUERY)
  if (frame.kind === 'state') encoding.writeVarUint8Array(encoder, frame.update)
  return Buffer.from(encoding.toUint8Array(encoder))
}

/** Null for a frame that does not parse. */
export function readPresenceFrame(message: Uint8Array): PresenceFrame | null {
  try {
    const decoder = decoding.createDecoder(message)
    const from = decoding.readVarString(decoder)
    const kind = decoding.readVarUint(decoder)
    if (kind === PRESENCE_QUERY) return { kind: 'query', from }
    if (kind === PRESENCE_STATE) return { kind: 'state', from, update: decoding.readVarUint8Array(decoder) }
    return null
  } catch {
    return null
  }
}
