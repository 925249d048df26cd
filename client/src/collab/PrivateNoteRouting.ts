import type { TLRecord } from 'tldraw'
import type { RecordOwnership } from './YjsStoreBinding.ts'

interface Holder {
  holds(id: string): boolean
}

/**
 * Decides, for one store fed by the board and by this person's private
 * notes, where a local change goes. A record either document already holds
 * stays there (the board wins, so a revealed note is edited on the board);
 * a new sticky note goes to the private notes while a silent round collects.
 */
export class PrivateNoteRouting {
  collecting = false
  private board: Holder | null = null
  private privateNotes: Holder | null = null

  readonly boardSide: RecordOwnership = {
    owns: (record) => !this.isPrivate(record),
    keepsOnRemoteDelete: () => false,
  }

  readonly privateSide: RecordOwnership = {
    owns: (record) => this.isPrivate(record),
    // A reveal adds the note to the board and deletes it here; whichever arrives first, the note stays.
    keepsOnRemoteDelete: (id) => this.boardHolds(id),
  }

  attachBoard(board: Holder): void {
    this.board = board
  }

  attachPrivateNotes(privateNotes: Holder | null): void {
    this.privateNotes = privateNotes
  }

  boardHolds(id: string): boolean {
    return this.board?.holds(id) ?? false
  }

  isPrivate(record: TLRecord): boolean {
    if (this.boardHolds(record.id)) return false
    if (!this.privateNotes) return false
    if (this.privateNotes.holds(record.id)) return true
    return this.collecting && record.typeName === 'shape' && record.type === 'note'
  }
}
