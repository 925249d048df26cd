import type { PitchState, WorkshopState } from '../../shared/workshop/index.ts'
import { nextPitchIndex, withCurrentDone } from '../../shared/pitchQueue.ts'
import type { BoardDocuments } from '../boards/BoardDocuments.ts'
import { readFrameBounds, setLocked } from '../boards/shapeLocks.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { IDLE_TIMER, runningTimer } from '../workshop/features/agenda.ts'
import { nextSpotlight } from '../workshop/features/followMe.ts'
import type { WorkshopTransaction } from '../workshop/Workshop.ts'
import { WorkshopRefusal } from '../workshop/WorkshopRefusal.ts'
import type { WorkshopFeature } from '../workshop/WorkshopFeature.ts'

export interface PitchDeps {
  events: EventStore
  documents: BoardDocuments
  now: () => number
  /** Makes sure each pitcher has a pitch frame on the board; resolves to their frame ids. */
  ensurePitchFrames: (eventId: string, boardId: string, pitcherIds: readonly string[]) => Promise<Map<string, string>>
}

function requirePitch(state: WorkshopState): PitchState {
  if (!state.pitch) throw new WorkshopRefusal('conflict', 'there is no pitch queue yet')
  return state.pitch
}

/**
 * The pitch queue: the order, a time per pitch, and for the running pitch
 * its frame on the projector, its timer, and its shapes locked (tldraw's
 * shape lock) so nobody moves them by accident while the audience adds
 * questions beside it.
 */
export function pitchFeature(deps: PitchDeps): WorkshopFeature {
  async function releaseCurrent(state: WorkshopState): Promise<void> {
    const pitch = state.pitch
    const entry = pitch ? pitch.queue[pitch.current] : undefined
    if (pitch && entry) await deps.documents.change(pitch.boardId, (doc) => setLocked(doc, entry.frameId, false))
  }

  async function start(workshop: WorkshopTransaction, index: number): Promise<void> {
    const pitch = requirePitch(workshop.state)
    const entry = pitch.queue[index]
    if (!entry) throw new WorkshopRefusal('invalid', `the queue has ${pitch.queue.length} pitches`)
    await releaseCurrent(workshop.state)
    await deps.documents.change(pitch.boardId, (doc) => setLocked(doc, entry.frameId, true))
    const bounds = await deps.documents.inspect(pitch.boardId, (doc) => readFrameBounds(doc, entry.frameId))
    if (!bounds) throw new WorkshopRefusal('conflict', 'the pitch frame is gone from the board')
    await workshop.commit({
      pitch: { ...pitch, current: index, done: withCurrentDone(pitch).filter((done) => done !== index) },
      spotlight: nextSpotlight(workshop.state, { boardId: pitch.boardId, viewport: bounds, mode: 'follow', target: 'projector' }),
      timer: runningTimer(deps.now(), pitch.perPitchMs),
    })
  }

  async function end(workshop: WorkshopTransaction): Promise<void> {
    const pitch = requirePitch(workshop.state)
    await releaseCurrent(workshop.state)
    await workshop.commit({
      pitch: { ...pitch, current: -1, done: withCurrentDone(pitch) },
      timer: IDLE_TIMER,
      spotlight: workshop.state.spotlight?.target === 'projector' ? null : workshop.state.spotlight,
    })
  }

  return {
    name: 'pitch',
    slices: { pitch: null },
    commands: {
      'pitch:configure': async ({ boardId, perPitchMs, order }, { workshop }) => {
        const { eventId, directory } = workshop.state
        const board = await deps.events.getBoard(boardId)
        if (!board || board.eventId !== eventId) throw new WorkshopRefusal('invalid', 'no such board in this event')
        if (order.some((id) => !directory[id])) throw new WorkshopRefusal('invalid', 'every pitcher needs a profile card first')
        if (new Set(order).size !== order.length) throw new WorkshopRefusal('invalid', 'someone is in the queue twice')
        await releaseCurrent(workshop.state)
        const frames = await deps.ensurePitchFrames(eventId, boardId, order)
        const queue = order.map((personId) => ({ personId, frameId: frames.get(personId) ?? '' }))
        await workshop.commit({ pitch: { boardId, perPitchMs, queue, current: -1, done: [] } })
      },
      'pitch:start': ({ index }, { workshop }) => start(workshop, index),
      'pitch:next': async ({ after }, { workshop }) => {
        const pitch = requirePitch(workshop.state)
        if (after !== pitch.current) throw new WorkshopRefusal('stale', 'another pitch has started in the meantime')
        const next = nextPitchIndex(pitch)
        if (next >= 0) await start(workshop, next)
        else if (pitch.current >= 0) await end(workshop)
        else throw new WorkshopRefusal('conflict', 'every pitch in the queue has run')
      },
      'pitch:end': (_payload, { workshop }) => end(workshop),
    },
  }
}
