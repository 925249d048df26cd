import type { WorkshopState } from '../../shared/workshop/index.ts'
import type { Logger } from '../logger.ts'
import type { WorkshopStateStore } from '../storage/WorkshopStateStore.ts'
import type { EventCommandLock } from './EventCommandLock.ts'
import { Workshop, type Deadline } from './Workshop.ts'
import type { WorkshopChangeFeed, WorkshopChangeNotice } from './WorkshopChangeFeed.ts'

export interface WorkshopHubDeps {
  store: WorkshopStateStore
  lock: EventCommandLock
  /** The state of an event that has never had a command. */
  initialState: (eventId: string) => WorkshopState
  deadlines: (state: WorkshopState) => Deadline[]
  logger: Logger
  now?: () => number
  /** Other processes serving the same events; without it this process is the only one. */
  feed?: WorkshopChangeFeed
}

/** One Workshop per event, loaded once from storage and kept: they are small, and board locks must be answerable at once. */
export class WorkshopHub {
  private readonly workshops = new Map<string, Promise<Workshop>>()
  private onChange: ((state: WorkshopState) => void) | null = null
  private onForget: ((eventId: string) => void) | null = null

  constructor(private readonly deps: WorkshopHubDeps) {
    deps.feed?.listen({ onNotice: this.handleNotice, onGap: this.refreshAll })
  }

  /** The socket layer registers itself here: workshops report their stored changes, and the hub the events it forgot (deleted), whose caches go. */
  listen(onChange: (state: WorkshopState) => void, onForget: (eventId: string) => void): void {
    this.onChange = onChange
    this.onForget = onForget
  }

  /** True when other processes change the same events' workshops. */
  get shared(): boolean {
    return this.deps.lock.shared
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
    await this.forgetHere(eventId)
    this.deps.feed?.announce({ eventId, deleted: true })
  }

  private async forgetHere(eventId: string): Promise<void> {
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

  private readonly handleNotice = (notice: WorkshopChangeNotice): void => {
    if ('deleted' in notice) {
      void this.forgetHere(notice.eventId)
      return
    }
    // An event nobody here has loaded is read fresh when someone asks for it.
    this.workshops
      .get(notice.eventId)
      ?.then((workshop) => (workshop.snapshot.version < notice.version ? workshop.refresh() : undefined))
      .catch((error: unknown) => this.deps.logger.error({ eventId: notice.eventId, err: error }, 'reading a workshop changed elsewhere failed'))
  }

  private readonly refreshAll = (): void => {
    for (const [eventId, workshop] of this.workshops) {
      workshop
        .then((loaded) => loaded.refresh())
        .catch((error: unknown) => this.deps.logger.error({ eventId, err: error }, 'reading a workshop again after a feed gap failed'))
    }
  }

  private async load(eventId: string): Promise<Workshop> {
    const stored = await this.deps.store.loadState(eventId)
    return new Workshop(stored ?? this.deps.initialState(eventId), {
      store: this.deps.store,
      lock: this.deps.lock,
      logger: this.deps.logger,
      now: this.deps.now ?? Date.now,
      deadlines: this.deps.deadlines,
      onChange: (state, source) => {
        this.onChange?.(state)
        if (source === 'stored') this.deps.feed?.announce({ eventId: state.eventId, version: state.version })
      },
    })
  }
}
