/**
 * Changes to an event's boards, links and details, over HTTP or by a
 * workshop command (group boards, pair boards). The socket
 * layer tells the event's screens to reload, so a new group board or a new
 * join code reaches the projector and the lobby without a page reload.
 * A new version of a board only concerns the facilitators, whose version
 * list may be open on another laptop.
 */
export class EventChanges {
  private readonly listeners = new Set<(eventId: string) => void>()
  private readonly versionListeners = new Set<(eventId: string, boardId: string) => void>()

  notify(eventId: string): void {
    for (const listener of this.listeners) listener(eventId)
  }

  onChange(listener: (eventId: string) => void): void {
    this.listeners.add(listener)
  }

  notifyVersions(eventId: string, boardId: string): void {
    for (const listener of this.versionListeners) listener(eventId, boardId)
  }

  onVersionsChange(listener: (eventId: string, boardId: string) => void): void {
    this.versionListeners.add(listener)
  }
}
