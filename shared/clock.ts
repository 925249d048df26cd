/**
 * Clock offset to the server, from one round trip: the server's time is
 * taken to be read halfway through. Timers are rendered from the server's
 * end time plus this offset, so devices with wrong clocks agree.
 */
export interface ClockSample {
  sentAt: number
  receivedAt: number
  serverNow: number
}

export function clockOffsetMs(sample: ClockSample): number {
  return sample.serverNow - (sample.sentAt + sample.receivedAt) / 2
}

/** Of several samples, the one with the shortest round trip is the least distorted by network delay. */
export function bestClockOffsetMs(samples: readonly ClockSample[]): number {
  let best: ClockSample | undefined
  for (const sample of samples) {
    if (!best || sample.receivedAt - sample.sentAt < best.receivedAt - best.sentAt) best = sample
  }
  return best ? clockOffsetMs(best) : 0
}

/** Milliseconds left on a running timer, as seen from a device whose clock is `offsetMs` behind the server. */
export function remainingMs(endsAtServerMs: number, localNowMs: number, offsetMs: number): number {
  return Math.max(0, endsAtServerMs - (localNowMs + offsetMs))
}
