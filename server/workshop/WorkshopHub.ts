import type { WorkshopState } from '../../shared/workshop/index.ts'
import type { Logger } from '../logger.ts'
import type { WorkshopStateStore } from '../storage/WorkshopStateStore.ts'
import type { EventCommandLock } from './EventCommandLock.ts'
import { Workshop, type Deadline } from './Workshop.ts'

export interface WorkshopHubDeps {
  store: WorkshopStateStore
  lock: EventCommandLock
  /** The state of an event that has never had a command. */
  initialState: (eventId: string) => WorkshopState
  deadlines: (state: WorkshopState) => Deadline[]
  logger: Logger
  now?: () => number
}

/** One Workshop per event, loaded once from storage and kept: they are small, and board locks must be answerable at once. */
export class WorkshopHub {
  private readonly workshops = new Map<string, Promise<Workshop>>()
  private onChange: ((state: WorkshopState) => void) | null = null
  private onForget: ((eventId: string) => void) | null = null

  constructor(private readonly deps: WorkshopHubDeps) {}

  /** The socket layer registers itself here: workshops report their stored changes, and the hub the events it forgot (deleted), whose caches go. */
  listen(onChange: (state: WorkshopState) => void, onForget: (eventId: string) => void): void {
    this.onChange = onChange
    this.onForget = onForget
  }

  workshop(eventId: string): Promise<Workshop> {
    let workshop = this.workshops.get(eventId)
    if (!workshop) {
      workshop = this.load(eventId)
      this.workshops.set(eventId, workshop)
      workshop.catch(() => this.workshops.delete(eventId))
    }
    return workshop
  }

  /** Retires and drops the event's workshop once the event is deleted. */
  async forget(eventId: string): Promise<void> {
    const workshop = this.workshops.get(eventId)
    this.workshops.delete(eventId)
    if (workshop) await workshop.then((loaded) => loaded.retire(), () => undefined)
    this.onForget?.(eventId)
  }

  async dispose(): Promise<void> {
    for (const workshop of this.workshops.values()) {
      await workshop.then((loaded) => loaded.dispose(), () => undefined)
    }
    this.workshops.clear()
  }

  private async load(eventId: string): Promise<Workshop> {
    const stored = await this.deps.store.loadState(eventId)
    return new Workshop(stored ?? this.deps.initialState(eventId), {
      store: this.deps.store,
      lock: this.deps.lock,
      logger: this.deps.logger,
      now: this.deps.now ?? Date.now,
      deadlines: this.deps.deadlines,
      onChange: (state) => this.onChange?.(state),
    })
  }
}
