import type { TimerState } from '../../../shared/workshop/index.ts'
import type { EventStore } from '../../storage/EventStore.ts'
import { WorkshopRefusal } from '../WorkshopRefusal.ts'
import type { WorkshopFeature } from '../WorkshopFeature.ts'

export interface AgendaDeps {
  events: EventStore
  now: () => number
}

/** A timer that runs from now; speed-dating rounds and pitches start theirs with it too. */
export function runningTimer(now: number, durationMs: number): TimerState {
  return { status: 'running', endsAt: now + durationMs, durationMs }
}

export const IDLE_TIMER: TimerState = { status: 'idle' }

/** The agenda's current phase and the one timer everyone sees. */
export function agendaFeature({ events, now }: AgendaDeps): WorkshopFeature {
  async function agendaLength(eventId: string): Promise<number> {
    return (await events.getEvent(eventId))?.agenda.length ?? 0
  }

  return {
    name: 'agenda',
    slices: { phaseIndex: 0, timer: IDLE_TIMER },
    commands: {
      'phase:set': async ({ index }, { workshop }) => {
        const phases = await agendaLength(workshop.state.eventId)
        if (index >= phases) throw new WorkshopRefusal('invalid', `the agenda has ${phases} phases`)
        await workshop.commit({ phaseIndex: index })
      },
      'phase:step': async ({ delta, from }, { workshop }) => {
        if (from !== workshop.state.phaseIndex) throw new WorkshopRefusal('stale', `the phase is ${workshop.state.phaseIndex + 1} now, not ${from + 1}`)
        const phases = await agendaLength(workshop.state.eventId)
        const index = Math.min(Math.max(from + delta, 0), Math.max(phases - 1, 0))
        await workshop.commit({ phaseIndex: index })
      },
      'timer:start': ({ durationMs }, { workshop }) => workshop.commit({ timer: runningTimer(now(), durationMs) }),
      'timer:pause': async (_payload, { workshop }) => {
        const timer = workshop.state.timer
        if (timer.status !== 'running') throw new WorkshopRefusal('conflict', 'no timer is running')
        await workshop.commit({ timer: { status: 'paused', remainingMs: Math.max(0, timer.endsAt - now()), durationMs: timer.durationMs } })
      },
      'timer:resume': async (_payload, { workshop }) => {
        const timer = workshop.state.timer
        if (timer.status !== 'paused') throw new WorkshopRefusal('conflict', 'the timer is not paused')
        await workshop.commit({ timer: runningTimer(now(), timer.remainingMs) })
      },
      'timer:add': async ({ ms }, { workshop }) => {
        const timer = workshop.state.timer
        const at = now()
        if (timer.status === 'running') {
          await workshop.commit({ timer: { ...timer, endsAt: Math.max(at, timer.endsAt + ms), durationMs: Math.max(0, timer.durationMs + ms) } })
        } else if (timer.status === 'paused') {
          await workshop.commit({ timer: { ...timer, remainingMs: Math.max(0, timer.remainingMs + ms), durationMs: Math.max(0, timer.durationMs + ms) } })
        } else if (ms > 0) {
          await workshop.commit({ timer: runningTimer(at, ms) })
        } else {
          throw new WorkshopRefusal('conflict', 'no timer to shorten')
        }
      },
      'timer:stop': (_payload, { workshop }) => workshop.commit({ timer: IDLE_TIMER }),
    },
    deadlines: (state) => {
      const timer = state.timer
      if (timer.status !== 'running') return []
      return [
        {
          at: timer.endsAt,
          run: async (workshop) => {
            const current = workshop.state.timer
            if (current.status !== 'running' || current.endsAt !== timer.endsAt) return
            await workshop.commit({ timer: { status: 'finished', durationMs: timer.durationMs, endedAt: timer.endsAt } })
          },
        },
      ]
    },
  }
}
