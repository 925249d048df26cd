import * as Y from 'yjs'
import { writeBoardRecords } from '../shared/boardDocument.ts'
import { noteShape } from '../tests/support/noteMap.ts'
import { nowMicros } from './procStats.ts'
import { writeMarker, writeUpdate } from './wire.ts'

/**
 * A load client's own note, moved like a person dragging it, so the board
 * does not grow over a long run. It is a real tldraw note (the server
 * checks the schema), and the send time is stamped into its text right
 * before encoding, for the receivers to read.
 */
export class NoteWriter {
  readonly doc = new Y.Doc()
  private lastUpdate: Uint8Array | null = null
  private seq = 0

  constructor(private readonly uid: number) {
    this.doc.on('update', (update: Uint8Array) => {
      this.lastUpdate = update
    })
  }

  nextMessage(): Uint8Array {
    this.seq += 1
    const note = noteShape(`w${this.uid}`, `${writeMarker(nowMicros(), this.uid)} Idee ${this.seq}`)
    const moved = { ...note, x: (this.seq * 37) % 2_000, y: (this.seq * 53) % 1_500 }
    writeBoardRecords(this.doc, { set: [moved] })
    if (!this.lastUpdate) throw new Error('writing a note produced no update')
    return writeUpdate(this.lastUpdate)
  }
}
