/**
 * The paper estimate the scale-out bench ends with: measured server CPU per
 * delivery, scaled to hosts and a cluster, in deliveries/s and in workshop
 * terms. Arithmetic on stated assumptions, not a measurement.
 */

/** Plan for half of what the cores could do: bursts (everyone drops a note at once), GC, noisy neighbours. */
const HEADROOM = 0.5
/** A 4-core host runs 3 server processes; one core stays for the OS and the TLS proxy. */
const HOST = { cores: 4, processes: 3 }
const CLUSTER_HOSTS = 3
/** Average board updates a participant sends: about 1 in 5 edits at a time, ~2–3 updates/s while dragging or typing. */
const UPDATES_PER_PARTICIPANT_PER_SEC = 0.5

export interface EstimateInput {
  /** e.g. "plenary board, 100 participants" */
  label: string
  /** Viewers each update goes to (participants on the board − 1). */
  viewers: number
  participantsPerBoard: number
  /** Server CPU µs per delivery measured with 1 and 2 processes at the last rate within the latency limit. */
  usPerDelivery1: number | null
  usPerDelivery2: number | null
}

export interface EstimateLine {
  label: string
  setup: string
  processes: number
  deliveriesPerSec: number
  /** The same from the 1-process figure: what the cores would carry if relaying cost nothing. */
  deliveriesPerSecWithoutRelay: number | null
  updatesPerSec: number
  participants: number
  boards: number
}

export const ESTIMATE_ASSUMPTIONS = [
  `one server process uses at most one core; capacity per process = 1,000,000 ÷ (server CPU µs per delivery), kept at ${HEADROOM * 100} % for headroom`,
  'the 2-process figure is the basis: it includes storing each update in PostgreSQL and relaying it through Redis to the other process; the 1-process figure (no relay reader) is shown for comparison',
  `one host = ${HOST.cores} cores running ${HOST.processes} processes (a core stays for the OS and the proxy); PostgreSQL and Redis run elsewhere; cluster = ${CLUSTER_HOSTS} such hosts`,
  `a participant sends ${UPDATES_PER_PARTICIPANT_PER_SEC} board updates/s on average (about 1 in 5 editing at a time, ~2–3 updates/s while dragging or typing); each goes to every other participant of the board`,
  'relaying costs each process holding a board one apply per update: with boards spread over more than 2 processes and few viewers per board this estimate is optimistic',
  'updates/s is also the write rate PostgreSQL and Redis must take (one INSERT and one XADD per update); neither was measured near its own limit',
]

export function estimate(input: EstimateInput): EstimateLine[] {
  const perProcess = capacityPerProcess(input.usPerDelivery2)
  if (perProcess === null) return []
  const perProcessWithoutRelay = capacityPerProcess(input.usPerDelivery1)
  const setups = [
    { setup: `one ${HOST.cores}-core host`, processes: HOST.processes },
    { setup: `${CLUSTER_HOSTS} hosts × ${HOST.cores} cores`, processes: HOST.processes * CLUSTER_HOSTS },
  ]
  return setups.map(({ setup, processes }) => {
    const deliveriesPerSec = perProcess * processes
    const updatesPerSec = deliveriesPerSec / input.viewers
    const participants = updatesPerSec / UPDATES_PER_PARTICIPANT_PER_SEC
    return {
      label: input.label,
      setup,
      processes,
      deliveriesPerSec,
      deliveriesPerSecWithoutRelay: perProcessWithoutRelay === null ? null : perProcessWithoutRelay * processes,
      updatesPerSec,
      participants,
      boards: participants / input.participantsPerBoard,
    }
  })
}

/** Deliveries/s one process may plan for, headroom kept; null without a usable measurement. */
function capacityPerProcess(usPerDelivery: number | null): number | null {
  if (usPerDelivery === null || !Number.isFinite(usPerDelivery) || usPerDelivery <= 0) return null
  return (1_000_000 / usPerDelivery) * HEADROOM
}
