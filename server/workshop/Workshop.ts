import type { WorkshopState } from '../../shared/workshop/index.ts'
import type { Logger } from '../logger.ts'
import type { WorkshopStateStore } from '../storage/WorkshopStateStore.ts'
import type { EventCommandLock } from './EventCommandLock.ts'
import { WorkshopRefusal } from './WorkshopRefusal.ts'

export type WorkshopChange = Partial<Omit<WorkshopState, 'eventId' | 'version'>>

/** What a command sees of the workshop while it runs: the state as the previous command left it, and a way to change it. */
export interface WorkshopTransaction {
  readonly state: WorkshopState
  /** Stores the change as a new version and only then announces it; later reads of `state` see it. */
  commit(change: WorkshopChange): Promise<void>
}

export interface WorkshopDeps {
  store: WorkshopStateStore
  lock: EventCommandLock
  now: () => number
  logger: Logger
  /** Called after every change, once it is stored. */
  onChange: (state: WorkshopState) => void
}

/**
 * The authoritative workshop state of one event. Every change runs as a
 * command under the event's lock, one at a time including its awaited I/O,
 * is stored, and only then announced: a restart resumes exactly what
 * everyone last saw.
 */
export class Workshop {
  private timerHandle: NodeJS.Timeout | null = null

  constructor(
    private state: WorkshopState,
    private readonly deps: WorkshopDeps,
  ) {
    this.scheduleTimerEnd()
  }

  get snapshot(): WorkshopState {
    return this.state
  }

  get eventId(): string {
    return this.state.eventId
  }

  isLocked(boardId: string): boolean {
    return boardId in this.state.locks
  }

  run<T>(command: (workshop: WorkshopTransaction) => Promise<T> | T): Promise<T> {
    return this.deps.lock.runExclusive(this.state.eventId, async () => {
      const transaction = new CommandTransaction(
        () => this.state,
        (change) => this.commit(change),
      )
      try {
        return await command(transaction)
      } finally {
        transaction.close()
      }
    })
  }

  dispose(): void {
    if (this.timerHandle) clearTimeout(this.timerHandle)
    this.timerHandle = null
  }

  private async commit(change: WorkshopChange): Promise<void> {
    const next: WorkshopState = { ...this.state, ...change, version: this.state.version + 1 }
    if (!(await this.deps.store.storeState(next))) {
      const stored = await this.deps.store.loadState(this.state.eventId)
      if (stored) this.state = stored
      throw new WorkshopRefusal('stale', 'the workshop changed in the meantime; look again and repeat')
    }
    const timerChanged = next.timer !== this.state.timer
    this.state = next
    if (timerChanged) this.scheduleTimerEnd()
    this.deps.onChange(next)
  }

  /** The server marks the end itself, so clients that slept through it still see "finished". */
  private scheduleTimerEnd(): void {
    this.dispose()
    const timer = this.state.timer
    if (timer.status !== 'running') return
    this.timerHandle = setTimeout(
      () => {
        this.run(async (workshop) => {
          const current = workshop.state.timer
          if (current.status !== 'running' || current.endsAt !== timer.endsAt) return
          await workshop.commit({ timer: { status: 'finished', durationMs: timer.durationMs, endedAt: timer.endsAt } })
        }).catch((error: unknown) => this.deps.logger.error({ eventId: this.state.eventId, err: error }, 'storing the finished timer failed'))
      },
      Math.max(0, timer.endsAt - this.deps.now()),
    )
    this.timerHandle.unref()
  }
}

class CommandTransaction implements WorkshopTransaction {
  private open = true

  constructor(
    private readonly read: () => WorkshopState,
    private readonly write: (change: WorkshopChange) => Promise<void>,
  ) {}

  get state(): WorkshopState {
    return this.read()
  }

  commit(change: WorkshopChange): Promise<void> {
    // A change outside its command's critical section would race the next command.
    if (!this.open) throw new Error('a workshop change was committed after its command had ended')
    return this.write(change)
  }

  close(): void {
    this.open = false
  }
}
