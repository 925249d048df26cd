import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import type { BoardStore, PendingWrite } from '../storage/BoardStore.ts'

/** A room with updates waiting to be stored. */
export interface WriteParticipant {
  readonly boardId: string
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
 *
 * A failure stays with the rooms it touches: a failed group commit is tried
 * again room by room, so one board that cannot be stored (its id, its size,
 * a fault in its pages) does not take the other rooms of that turn with it,
 * and a throw while a room finishes its write fails that room only. The
 * chain itself never rejects, or every later turn would be skipped.
 */
export class WriteCoalescer {
  private waiting: WriteParticipant[] = []
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: BoardStore,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  schedule(participant: WriteParticipant): void {
    if (this.waiting.length === 0) setImmediate(this.flush)
    this.waiting.push(participant)
  }

  private readonly flush = (): void => {
    const participants = this.waiting
    this.waiting = []
    const writes = participants.map((participant) => participant.takeWrite())
    this.chain = this.chain
      .then(() => this.storeTogether(participants, writes))
      .catch((error: unknown) => this.logger.error({ err: error }, 'board write bookkeeping failed'))
  }

  private async storeTogether(participants: readonly WriteParticipant[], writes: readonly PendingWrite[]): Promise<void> {
    let seqs: number[]
    try {
      seqs = await this.append(writes)
    } catch (error) {
      if (participants.length === 1) {
        this.fail(participants[0], error)
        return
      }
      // A failed append stores nothing, so each room's write can be tried again on its own.
      for (const [index, participant] of participants.entries()) await this.storeAlone(participant, writes[index])
      return
    }
    participants.forEach((participant, index) => this.finish(participant, seqs[index] ?? 0))
  }

  private async storeAlone(participant: WriteParticipant, write: PendingWrite | undefined): Promise<void> {
    if (!write) return
    let seqs: number[]
    try {
      seqs = await this.append([write])
    } catch (error) {
      this.fail(participant, error)
      return
    }
    this.finish(participant, seqs[0] ?? 0)
  }

  /** Every update waits for this before anyone sees it, so its latency is the floor of what clients feel. */
  private async append(writes: readonly PendingWrite[]): Promise<number[]> {
    const started = performance.now()
    try {
      return await this.store.appendBatches(writes)
    } finally {
      this.metrics.observeSeconds('storage_append_seconds', (performance.now() - started) / 1000)
    }
  }

  private finish(participant: WriteParticipant, lastSeq: number): void {
    try {
      participant.writeStored(lastSeq)
    } catch (error) {
      this.fail(participant, error)
    }
  }

  private fail(participant: WriteParticipant | undefined, error: unknown): void {
    if (!participant) return
    try {
      participant.writeFailed(error)
    } catch (failure) {
      this.logger.error({ boardId: participant.boardId, err: failure }, 'failing a board room after a storage error threw')
    }
  }
}
