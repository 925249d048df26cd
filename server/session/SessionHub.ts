import type { MyVote, SessionState } from '../../shared/session.ts'
import type { Logger } from '../logger.ts'
import type { EventStore } from '../storage/EventStore.ts'
import { EventSession, initialSessionState } from './EventSession.ts'
import type { SessionStore } from './SessionStore.ts'

export interface SessionHubDeps {
  sessions: SessionStore
  events: EventStore
  logger: Logger
  now?: () => number
}

export interface SessionListeners {
  onChange(state: SessionState): void
  onMyVote(eventId: string, voterId: string, mine: MyVote): void
}

/** One EventSession per event, loaded once from storage and kept: they are small and locks must be answerable at once. */
export class SessionHub {
  private readonly sessions = new Map<string, Promise<EventSession>>()
  private listeners: SessionListeners | null = null

  constructor(private readonly deps: SessionHubDeps) {}

  /** The socket layer registers itself here; sessions report changes through it. */
  listen(listeners: SessionListeners): void {
    this.listeners = listeners
  }

  session(eventId: string): Promise<EventSession> {
    let session = this.sessions.get(eventId)
    if (!session) {
      session = this.load(eventId)
      this.sessions.set(eventId, session)
      session.catch(() => this.sessions.delete(eventId))
    }
    return session
  }

  async dispose(): Promise<void> {
    for (const session of this.sessions.values()) {
      await session.then((loaded) => loaded.dispose(), () => undefined)
    }
    this.sessions.clear()
  }

  private async load(eventId: string): Promise<EventSession> {
    const stored = await this.deps.sessions.loadState(eventId)
    return new EventSession(stored ?? initialSessionState(eventId), {
      sessions: this.deps.sessions,
      events: this.deps.events,
      logger: this.deps.logger,
      now: this.deps.now ?? Date.now,
      onChange: (state) => this.listeners?.onChange(state),
      onMyVote: (voterId, mine) => this.listeners?.onMyVote(eventId, voterId, mine),
    })
  }
}
