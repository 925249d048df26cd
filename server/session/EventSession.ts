import type { z } from 'zod'
import type { MyVote, SessionErrorCode, SessionState, TimerState, VoteState, commandSchemas } from '../../shared/session.ts'
import { newId } from '../auth/tokens.ts'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import type { SessionStore } from './SessionStore.ts'

type Parsed<C extends keyof typeof commandSchemas> = z.infer<(typeof commandSchemas)[C]>

/** Who sent a command; voterId is one identity per link or per device that joined by code. */
export interface Actor {
  voterId: string
  name: string | null
}

export class SessionRefusal extends Error {
  constructor(
    readonly code: SessionErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export interface EventSessionDeps {
  sessions: SessionStore
  events: EventStore
  now: () => number
  /** Called after every change, once it is stored. */
  onChange: (state: SessionState) => void
  onMyVote: (voterId: string, mine: MyVote) => void
  logger: Logger
}

export function initialSessionState(eventId: string): SessionState {
  return {
    eventId,
    phaseIndex: 0,
    timer: { status: 'idle' },
    locks: {},
    spotlight: null,
    vote: null,
    showReactionNames: false,
    directory: {},
    speedDating: null,
    pitch: null,
    breakouts: null,
  }
}

/**
 * The authoritative workshop state of one event. Commands are checked here
 * (roles are checked by the caller), the new state is stored, and only then
 * announced — a restart resumes exactly what everyone last saw.
 */
export class EventSession {
  private timerHandle: NodeJS.Timeout | null = null

  constructor(
    private state: SessionState,
    private readonly deps: EventSessionDeps,
  ) {
    this.scheduleTimerEnd()
  }

  get snapshot(): SessionState {
    return this.state
  }

  isLocked(boardId: string): boolean {
    return boardId in this.state.locks
  }

  dispose(): void {
    if (this.timerHandle) clearTimeout(this.timerHandle)
  }

  async setPhase({ index }: Parsed<'phase:set'>): Promise<void> {
    const phases = await this.agendaLength()
    if (index >= phases) throw new SessionRefusal('invalid', `the agenda has ${phases} phases`)
    await this.commit({ ...this.state, phaseIndex: index })
  }

  async stepPhase({ delta }: Parsed<'phase:step'>): Promise<void> {
    const phases = await this.agendaLength()
    const index = Math.min(Math.max(this.state.phaseIndex + delta, 0), Math.max(phases - 1, 0))
    await this.commit({ ...this.state, phaseIndex: index })
  }

  async startTimer({ durationMs }: Parsed<'timer:start'>): Promise<void> {
    await this.commitTimer({ status: 'running', endsAt: this.deps.now() + durationMs, durationMs })
  }

  async pauseTimer(): Promise<void> {
    const timer = this.state.timer
    if (timer.status !== 'running') throw new SessionRefusal('conflict', 'no timer is running')
    await this.commitTimer({ status: 'paused', remainingMs: Math.max(0, timer.endsAt - this.deps.now()), durationMs: timer.durationMs })
  }

  async resumeTimer(): Promise<void> {
    const timer = this.state.timer
    if (timer.status !== 'paused') throw new SessionRefusal('conflict', 'the timer is not paused')
    await this.commitTimer({ status: 'running', endsAt: this.deps.now() + timer.remainingMs, durationMs: timer.durationMs })
  }

  async addToTimer({ ms }: Parsed<'timer:add'>): Promise<void> {
    const timer = this.state.timer
    const now = this.deps.now()
    if (timer.status === 'running') {
      await this.commitTimer({ ...timer, endsAt: Math.max(now, timer.endsAt + ms), durationMs: Math.max(0, timer.durationMs + ms) })
    } else if (timer.status === 'paused') {
      await this.commitTimer({ ...timer, remainingMs: Math.max(0, timer.remainingMs + ms), durationMs: Math.max(0, timer.durationMs + ms) })
    } else if (ms > 0) {
      await this.commitTimer({ status: 'running', endsAt: now + ms, durationMs: ms })
    } else {
      throw new SessionRefusal('conflict', 'no timer to shorten')
    }
  }

  async stopTimer(): Promise<void> {
    await this.commitTimer({ status: 'idle' })
  }

  async startSpotlight(command: Parsed<'spotlight:start'>): Promise<void> {
    await this.assertBoardOfEvent(command.boardId)
    await this.commit({ ...this.state, spotlight: { ...command, seq: (this.state.spotlight?.seq ?? 0) + 1 } })
  }

  async endSpotlight(): Promise<void> {
    await this.commit({ ...this.state, spotlight: null })
  }

  async lockBoard({ boardId, reason }: Parsed<'board:lock'>): Promise<void> {
    await this.assertBoardOfEvent(boardId)
    await this.commit({ ...this.state, locks: { ...this.state.locks, [boardId]: { reason } } })
  }

  async unlockBoard({ boardId }: Parsed<'board:unlock'>): Promise<void> {
    const { [boardId]: _removed, ...locks } = this.state.locks
    await this.commit({ ...this.state, locks })
  }

  async openVote({ boardId, dotsPerPerson, anonymous }: Parsed<'vote:open'>): Promise<void> {
    await this.assertBoardOfEvent(boardId)
    if (this.state.vote?.status === 'open') throw new SessionRefusal('conflict', 'a vote is already open; close it first')
    const vote: VoteState = { id: newId(), boardId, dotsPerPerson, anonymous, status: 'open', results: {}, voters: null }
    await this.commit({ ...this.state, vote })
  }

  async closeVote(): Promise<void> {
    const vote = this.requireVote()
    if (vote.status !== 'open') throw new SessionRefusal('conflict', 'the vote is not open')
    await this.commit({ ...this.state, vote: { ...vote, status: 'closed' } })
  }

  /** Reveals (and so ends) the vote: counts per shape, and who voted where unless the vote is anonymous. */
  async revealVote(): Promise<void> {
    const vote = this.requireVote()
    const dots = await this.deps.sessions.allDots(vote.id)
    const results: Record<string, number> = {}
    const voters: Record<string, string[]> = {}
    for (const dot of dots) {
      results[dot.shapeId] = (results[dot.shapeId] ?? 0) + 1
      const names = (voters[dot.shapeId] ??= [])
      const name = dot.voterName ?? '?'
      if (!names.includes(name)) names.push(name)
    }
    await this.deps.sessions.storeRevealedVote(vote.boardId, vote.id, results)
    await this.commit({ ...this.state, vote: { ...vote, status: 'revealed', results, voters: vote.anonymous ? null : voters } })
  }

  async showReactionNames({ show }: Parsed<'reactions:names'>): Promise<void> {
    await this.commit({ ...this.state, showReactionNames: show })
  }

  async placeDot({ shapeId }: Parsed<'vote:place'>, actor: Actor): Promise<void> {
    const vote = this.requireOpenVote()
    const mine = await this.deps.sessions.placeDot(vote.id, vote.boardId, { voterId: actor.voterId, voterName: actor.name, shapeId }, vote.dotsPerPerson)
    if (!mine) throw new SessionRefusal('conflict', `all ${vote.dotsPerPerson} dots are placed; remove one first`)
    this.deps.onMyVote(actor.voterId, { voteId: vote.id, shapeIds: mine })
  }

  async removeDot({ shapeId }: Parsed<'vote:remove'>, actor: Actor): Promise<void> {
    const vote = this.requireOpenVote()
    const mine = await this.deps.sessions.removeDot(vote.id, actor.voterId, shapeId)
    this.deps.onMyVote(actor.voterId, { voteId: vote.id, shapeIds: mine })
  }

  async myVote(voterId: string): Promise<MyVote | null> {
    const vote = this.state.vote
    if (!vote) return null
    return { voteId: vote.id, shapeIds: await this.deps.sessions.dotsOf(vote.id, voterId) }
  }

  /** For features built beside this class (speed-dating, pitches): a stored, announced change of their part of the state. */
  async patch(change: Partial<Omit<SessionState, 'eventId'>>): Promise<void> {
    await this.commit({ ...this.state, ...change })
  }

  private requireVote(): VoteState {
    if (!this.state.vote) throw new SessionRefusal('conflict', 'there is no vote')
    return this.state.vote
  }

  private requireOpenVote(): VoteState {
    const vote = this.requireVote()
    if (vote.status !== 'open') throw new SessionRefusal('conflict', 'the vote is closed')
    return vote
  }

  private async agendaLength(): Promise<number> {
    const event = await this.deps.events.getEvent(this.state.eventId)
    return event?.agenda.length ?? 0
  }

  private async assertBoardOfEvent(boardId: string): Promise<void> {
    const board = await this.deps.events.getBoard(boardId)
    if (!board || board.eventId !== this.state.eventId) throw new SessionRefusal('invalid', 'no such board in this event')
  }

  private async commitTimer(timer: TimerState): Promise<void> {
    await this.commit({ ...this.state, timer })
    this.scheduleTimerEnd()
  }

  private async commit(next: SessionState): Promise<void> {
    await this.deps.sessions.storeState(next)
    this.state = next
    this.deps.onChange(next)
  }

  /** The server marks the end itself, so clients that slept through it still see "finished". */
  private scheduleTimerEnd(): void {
    if (this.timerHandle) clearTimeout(this.timerHandle)
    this.timerHandle = null
    const timer = this.state.timer
    if (timer.status !== 'running') return
    this.timerHandle = setTimeout(
      () => {
        const current = this.state.timer
        if (current.status !== 'running' || current.endsAt !== timer.endsAt) return
        this.commit({ ...this.state, timer: { status: 'finished', durationMs: timer.durationMs, endedAt: timer.endsAt } }).catch(
          (error: unknown) => this.deps.logger.error({ eventId: this.state.eventId, err: error }, 'storing the finished timer failed'),
        )
      },
      Math.max(0, timer.endsAt - this.deps.now()),
    )
    this.timerHandle.unref()
  }
}
