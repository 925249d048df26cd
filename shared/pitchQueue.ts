import type { PitchState } from './workshop/state.ts'

/** The pitch 'Nächster Pitch' starts: the first one after the running one that has not run yet, else the first that has not run; -1 when all have. */
export function nextPitchIndex(pitch: Pick<PitchState, 'queue' | 'current' | 'done'>): number {
  const open = pitch.queue.map((_, index) => index).filter((index) => index !== pitch.current && !pitch.done.includes(index))
  return open.find((index) => index > pitch.current) ?? open[0] ?? -1
}

/** The queue with the running pitch counted as done. */
export function withCurrentDone(pitch: PitchState): number[] {
  return pitch.current < 0 || pitch.done.includes(pitch.current) ? pitch.done : [...pitch.done, pitch.current]
}
