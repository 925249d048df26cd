import * as Y from 'yjs'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import { noteShape } from '../../tests/support/noteMap.ts'
import { updateMessage } from '../../tests/support/rawSyncClient.ts'
import { writeAwarenessMessage } from './awarenessMessage.ts'
import { HOSTILE_TAG } from './clientProtocol.ts'

/** The server's default MAX_MESSAGE_BYTES (server/config.ts); production runs with it. */
const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024
const JUNK_PROP_BYTES = 100 * 1024
/** The default cap on one presence state is 64 KiB; this is well past it. */
const HUGE_AWARENESS_BYTES = 100 * 1024

export type HostileKind =
  | 'malformed'
  | 'textFrame'
  | 'notYjs'
  | 'oversized'
  | 'invalidRecord'
  | 'newRootType'
  | 'foreignAwareness'
  | 'hugeAwareness'

/**
 * How often each kind comes in 100 frames. Oversized frames are few: each
 * one costs 2 MiB of loopback traffic, which would measure the machine.
 */
export const HOSTILE_MIX: ReadonlyArray<[HostileKind, number]> = [
  ['malformed', 15],
  ['textFrame', 5],
  ['notYjs', 10],
  ['oversized', 3],
  ['invalidRecord', 20],
  ['newRootType', 17],
  ['foreignAwareness', 15],
  ['hugeAwareness', 15],
]

/** Kinds after which the server closes the socket (1007, 1009), so the attacker has to reconnect. */
export const CLOSING_KINDS: ReadonlySet<HostileKind> = new Set(['malformed', 'textFrame', 'notYjs', 'oversized'])

export function hostileKindAt(index: number): HostileKind {
  let slot = index % 100
  for (const [kind, weight] of HOSTILE_MIX) {
    if (slot < weight) return kind
    slot -= weight
  }
  throw new Error('HOSTILE_MIX must add up to 100')
}

let oversized: Uint8Array | null = null
let clock = 1

/** A frame of `kind`; every payload that could be relayed or stored carries HOSTILE_TAG. */
export function hostileFrame(kind: HostileKind, foreignIds: readonly number[], ownId: number): Uint8Array | string {
  switch (kind) {
    case 'malformed':
      // A sync step 2 that ends where its update should begin.
      return new Uint8Array([0, 1])
    case 'textFrame':
      return `${HOSTILE_TAG} text`
    case 'notYjs':
      return updateMessage(new TextEncoder().encode(`${HOSTILE_TAG} is not a Yjs update`))
    case 'oversized':
      oversized ??= updateMessage(new TextEncoder().encode(HOSTILE_TAG.padEnd(DEFAULT_MAX_MESSAGE_BYTES + 1024, 'x')))
      return oversized
    case 'invalidRecord': {
      const note = noteShape(`${HOSTILE_TAG}-${clock++}`, 'Idee')
      const invalid = { ...note, x: 'NaN', props: { ...note.props, junk: HOSTILE_TAG.padEnd(JUNK_PROP_BYTES, 'j') } }
      const doc = new Y.Doc()
      writeBoardRecords(doc, { set: [invalid] })
      return updateMessage(Y.encodeStateAsUpdate(doc))
    }
    case 'newRootType': {
      const doc = new Y.Doc()
      doc.getMap(`${HOSTILE_TAG}-root`).set('payload', HOSTILE_TAG.padEnd(10_000, 'y'))
      return updateMessage(Y.encodeStateAsUpdate(doc))
    }
    case 'foreignAwareness': {
      const victim = foreignIds[clock % Math.max(1, foreignIds.length)] ?? ownId
      // A clock far ahead, so a server that took it would show it instead of the owner's next state.
      return writeAwarenessMessage(victim, 1_000_000 + clock++, { presence: { userName: HOSTILE_TAG, cursor: { x: 0, y: 0 } } })
    }
    case 'hugeAwareness':
      return writeAwarenessMessage(ownId, clock++, { presence: { userName: HOSTILE_TAG.padEnd(HUGE_AWARENESS_BYTES, 'h') } })
  }
}
