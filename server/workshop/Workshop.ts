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

/** A change the server makes by itself at a time the state names (a timer or a round runs out). */
export interface Deadline {
  at: number
  /** Runs as a command; it reads the state again, since a command before it may have moved the deadline. */
  run(workshop: WorkshopTransaction): Promise<void>
}

export interface WorkshopDeps {
  store: WorkshopStateStore
  lock: EventCommandLock
  now: () => number
  /** The deadlines of a state, asked after every change. */
  deadlines: (state: WorkshopState) => Deadline[]
  logger: Logger
  /** Called after every change: one this process stored, or a newer one another process stored and this one adopted. */
  onChange: (state: WorkshopState, source: 'stored' | 'adopted') => void
}

/**
 * The authoritative workshop state of one event. Every change runs as a
 * command under the event's lock, one at a time including its awaited I/O,
 * is stored, and only then announced: a restart resumes exactly what
 * everyone last saw.
 */
export class Workshop {
  private deadlineHandles: NodeJS.Timeout[] = []
  private retired = false

  constructor(
    private state: WorkshopState,
    private readonly deps: WorkshopDeps,
  ) {
    this.scheduleDeadlines()
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
      // A command queued behind the event's deletion would otherwise store its state again.
      if (this.retired) throw new WorkshopRefusal('conflict', 'this event has been deleted')
      // Under a lock shared with other processes, the state here may be older than what one of them stored.
      if (this.deps.lock.shared) await this.refresh()
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

  /** Adopts the stored state when another process stored a newer one (it said so, or a command is about to run). */
  async refresh(): Promise<void> {
    const stored = await this.deps.store.loadState(this.state.eventId)
    if (!stored || this.retired || stored.version <= this.state.version) return
    this.state = stored
    this.scheduleDeadlines()
    this.deps.onChange(stored, 'adopted')
  }

  /** The event is gone: no command runs any more, no deadline fires. */
  retire(): void {
    this.retired = true
    this.dispose()
  }

  dispose(): void {
    for (const handle of this.deadlineHandles) clearTimeout(handle)
    this.deadlineHandles = []
  }

  private async commit(change: WorkshopChange): Promise<void> {
    const next: WorkshopState = { ...this.state, ...change, version: this.state.version + 1 }
    if (!(await this.deps.store.storeState(next))) {
      const stored = await this.deps.store.loadState(this.state.eventId)
      if (stored) this.state = stored
      throw new WorkshopRefusal('stale', 'the workshop changed in the meantime; look again and repeat')
    }
    this.state = next
    this.scheduleDeadlines()
    this.deps.onChange(next, 'stored')
  }

  /** The server marks ends itself, so clients that slept through them still see "finished". */
  private scheduleDeadlines(): void {
    this.dispose()
    for (const deadline of this.deps.deadlines(this.state)) {
      const handle = setTimeout(
        () => {
          this.run((workshop) => deadline.run(workshop)).catch((error: unknown) =>
            this.deps.logger.error({ eventId: this.state.eventId, err: error }, 'a scheduled workshop change failed'),
          )
        },
        Math.max(0, deadline.at - this.deps.now()),
      )
      handle.unref()
      this.deadlineHandles.push(handle)
    }
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
