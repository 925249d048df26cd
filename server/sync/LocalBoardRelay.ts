import type { BoardRelay } from './BoardRelay.ts'

/** One process serves every client of a board: there is nobody to relay to, and no one else to wait for. */
export class LocalBoardRelay implements BoardRelay {
  readonly shared = false

  position(): Promise<string | null> {
    return Promise.resolve(null)
  }

  follow(): void {}

  unfollow(): void {}

  publishUpdate(): void {}

  publishAwareness(): void {}

  publishDeleted(): void {}

  exclusive<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work()
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
