import type { PitchState } from '../../shared/session.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import { readFrameBounds, setLocked } from '../boards/shapeLocks.ts'
import type { EventSession } from '../session/EventSession.ts'
import { SessionRefusal } from '../session/EventSession.ts'
import type { EventStore } from '../storage/EventStore.ts'

export interface PitchControlDeps {
  events: EventStore
  documents: BoardDocuments
  /** Makes sure each pitcher has a pitch frame on the board; resolves to their frame ids. */
  ensurePitchFrames: (eventId: string, boardId: string, pitcherIds: readonly string[]) => Promise<Map<string, string>>
}

/**
 * The pitch queue: the order, a time per pitch, and for the running pitch
 * its frame on the projector, its timer, and its shapes locked (tldraw's
 * shape lock) so nobody moves them by accident while the audience adds
 * questions beside it.
 */
export class PitchControl {
  constructor(
    private readonly session: EventSession,
    private readonly deps: PitchControlDeps,
  ) {}

  async configure(boardId: string, perPitchMs: number, order: readonly string[]): Promise<void> {
    const board = await this.deps.events.getBoard(boardId)
    if (!board || board.eventId !== this.session.snapshot.eventId) throw new SessionRefusal('invalid', 'no such board in this event')
    const unknown = order.filter((id) => !this.session.snapshot.directory[id])
    if (unknown.length > 0) throw new SessionRefusal('invalid', 'every pitcher needs a profile card first')
    if (new Set(order).size !== order.length) throw new SessionRefusal('invalid', 'someone is in the queue twice')
    await this.releaseCurrent()
    const frames = await this.deps.ensurePitchFrames(this.session.snapshot.eventId, boardId, order)
    const queue = order.map((participantId) => ({ participantId, frameId: frames.get(participantId) ?? '' }))
    await this.session.patch({ pitch: { boardId, perPitchMs, queue, current: -1 } })
  }

  async start(index: number): Promise<void> {
    const pitch = this.requirePitch()
    const entry = pitch.queue[index]
    if (!entry) throw new SessionRefusal('invalid', `the queue has ${pitch.queue.length} pitches`)
    await this.releaseCurrent()
    await this.deps.documents.change(pitch.boardId, (doc) => setLocked(doc, entry.frameId, true))
    const bounds = await this.deps.documents.inspect(pitch.boardId, (doc) => readFrameBounds(doc, entry.frameId))
    if (!bounds) throw new SessionRefusal('conflict', 'the pitch frame is gone from the board')
    await this.session.patch({ pitch: { ...pitch, current: index } })
    await this.session.startSpotlight({ boardId: pitch.boardId, viewport: bounds, mode: 'follow', target: 'projector' })
    await this.session.startTimer({ durationMs: pitch.perPitchMs })
  }

  async next(): Promise<void> {
    const pitch = this.requirePitch()
    if (pitch.current + 1 < pitch.queue.length) {
      await this.start(pitch.current + 1)
    } else {
      await this.end()
    }
  }

  async end(): Promise<void> {
    const pitch = this.requirePitch()
    await this.releaseCurrent()
    await this.session.patch({ pitch: { ...pitch, current: -1 } })
    await this.session.stopTimer()
    if (this.session.snapshot.spotlight?.target === 'projector') await this.session.endSpotlight()
  }

  private async releaseCurrent(): Promise<void> {
    const pitch = this.session.snapshot.pitch
    const entry = pitch ? pitch.queue[pitch.current] : undefined
    if (pitch && entry) await this.deps.documents.change(pitch.boardId, (doc) => setLocked(doc, entry.frameId, false))
  }

  private requirePitch(): PitchState {
    const pitch = this.session.snapshot.pitch
    if (!pitch) throw new SessionRefusal('conflict', 'there is no pitch queue yet')
    return pitch
  }
}
