import type { BoardStore, PendingWrite } from '../storage/BoardStore.ts'

/** A room with updates waiting to be stored. */
export interface WriteParticipant {
  /** Hands over the room's open batch; called once per `schedule`. */
  takeWrite(): PendingWrite
  writeStored(lastSeq: number): void
  writeFailed(error: unknown): void
}

/**
 * Group commit across rooms: everything every room received in one
 * event-loop turn goes to storage in one transaction, so twenty busy rooms
 * cost one write per turn, not twenty. Writes are stored in order; a room
 * hears back about its own batches in the order it handed them over.
 */
export class WriteCoalescer {
  private waiting: WriteParticipant[] = []
  private chain: Promise<void> = Promise.resolve()

  constructor(private readonly store: BoardStore) {}

  schedule(participant: WriteParticipant): void {
    if (this.waiting.length === 0) setImmediate(this.flush)
    this.waiting.push(participant)
  }

  private readonly flush = (): void => {
    const participants = this.waiting
    this.waiting = []
    const writes = participants.map((participant) => participant.takeWrite())
    this.chain = this.chain.then(async () => {
      let seqs: number[]
      try {
        seqs = await this.store.appendBatches(writes)
      } catch (error) {
        for (const participant of participants) participant.writeFailed(error)
        return
      }
      participants.forEach((participant, index) => participant.writeStored(seqs[index] ?? 0))
    })
  }
}
