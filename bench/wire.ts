import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { noteProps } from '../tests/support/noteRecord.ts'

/** y-websocket's top-level message type for document sync. */
const MESSAGE_SYNC = 0

export type SyncKind = 'step1' | 'step2' | 'update' | 'other'

export interface Envelope {
  kind: SyncKind
  /** Decoder positioned at the payload (state vector or update) for step1/step2/update. */
  decoder: decoding.Decoder
}

/** Reads only the message and sync types; receivers never decode the update itself. */
export function readEnvelope(message: Uint8Array): Envelope {
  const decoder = decoding.createDecoder(message)
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return { kind: 'other', decoder }
  switch (decoding.readVarUint(decoder)) {
    case syncProtocol.messageYjsSyncStep1:
      return { kind: 'step1', decoder }
    case syncProtocol.messageYjsSyncStep2:
      return { kind: 'step2', decoder }
    case syncProtocol.messageYjsUpdate:
      return { kind: 'update', decoder }
    default:
      return { kind: 'other', decoder }
  }
}

export function writeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Step 1 for a client that already holds the state `stateVector` describes: the server answers with only what is newer. */
export function writeSyncStep1FromStateVector(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

export function writeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

export function writeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

const emptyDoc = new Y.Doc()
/** What a stock provider with an empty document sends on open and in reply to the server's step 1. */
export const EMPTY_STEP1 = writeSyncStep1(emptyDoc)
export const EMPTY_STEP2 = writeSyncStep2(emptyDoc, Y.encodeStateVector(emptyDoc))

/*
 * Latency marker. Yjs writes strings of a record's JSON as plain UTF-8 inside
 * the update, so `#t<send µs>.<writer uid>#` can be found in the raw frame with
 * one indexOf, and the send time travels with the update: no lookup table, and
 * sender and receiver may live in different processes (see nowMicros).
 */
const MARKER_START = Buffer.from('#t')
const HASH = 0x23
const DOT = 0x2e
const ZERO = 0x30

export function writeMarker(sendMicros: number, writerUid: number): string {
  return `#t${Math.round(sendMicros)}.${writerUid}#`
}

export interface Marker {
  sendMicros: number
  writerUid: number
  /** Where to look for the next marker: a relayed update merges several writers' updates into one frame. */
  end: number
}

export function findMarker(frame: Buffer, from: number): Marker | null {
  const start = frame.indexOf(MARKER_START, from)
  if (start < 0) return null
  let index = start + MARKER_START.length
  let sendMicros = 0
  let writerUid = 0
  for (let byte = frame[index]; byte !== undefined && byte !== DOT; byte = frame[++index]) {
    sendMicros = sendMicros * 10 + (byte - ZERO)
  }
  for (let byte = frame[++index]; byte !== undefined && byte !== HASH; byte = frame[++index]) {
    writerUid = writerUid * 10 + (byte - ZERO)
  }
  return frame[index] === HASH ? { sendMicros, writerUid, end: index + 1 } : null
}

/**
 * A tldraw sticky note as the whiteboard writes it (valid by tldraw's
 * schema, which ours checks on the server), so update sizes and decode work
 * match what the whiteboard sends.
 */
export function tldrawLikeRecord(id: string, n: number, text: string): Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x: (n * 37) % 2_000,
    y: (n * 53) % 1_500,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: noteProps(text, 'yellow'),
  }
}
