import { newId } from '../ids.ts'
import type { Logger } from '../logger.ts'
import type { BoardContent, BoardDocuments } from './BoardDocuments.ts'
import { checkRecords } from './tldrawRecords.ts'
import type { BoardVersionInfo, VersionStore } from '../storage/VersionStore.ts'

export const AUTO_VERSION_INTERVAL_MS = 10 * 60 * 1000

export type RestoreResult = { ok: true; backup: BoardVersionInfo } | { ok: false; error: 'not_found' | 'unreadable'; message: string }

/**
 * Named and automatic snapshots of a board. Restoring is a new change on
 * top: the state before it is kept as a version of its own, so a restore can
 * itself be undone by restoring that one.
 */
export class BoardHistory {
  private readonly lastAutoAt = new Map<string, number>()
  /** Automatic versions on their way into storage, by board. */
  private readonly storing = new Map<string, Promise<void>>()

  constructor(
    private readonly versions: VersionStore,
    private readonly documents: BoardDocuments,
    private readonly logger: Logger,
    /** Told after any version of a board is stored, so an open version list elsewhere can refresh. */
    private readonly onStored: (boardId: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  list(boardId: string): Promise<BoardVersionInfo[]> {
    return this.versions.listVersions(boardId)
  }

  async createNamed(boardId: string, name: string): Promise<BoardVersionInfo> {
    return this.store(boardId, name, 'named', await this.documents.read(boardId))
  }

  async preview(boardId: string, versionId: string): Promise<BoardContent | null> {
    const version = await this.versions.loadVersion(boardId, versionId)
    return version ? (JSON.parse(version.content) as BoardContent) : null
  }

  async restore(boardId: string, versionId: string): Promise<RestoreResult> {
    const version = await this.versions.loadVersion(boardId, versionId)
    if (!version) return { ok: false, error: 'not_found', message: 'no such version of this board' }
    const content = JSON.parse(version.content) as BoardContent
    const checked = checkRecords(content.schema, content.records)
    if (!checked.ok) return { ok: false, error: 'unreadable', message: checked.error }
    const backup = await this.store(boardId, `Vor Wiederherstellung von „${version.name}“`, 'before-restore', await this.documents.read(boardId))
    await this.documents.replaceRecords(boardId, checked.records)
    return { ok: true, backup }
  }

  /** Called after a board's edits are stored; keeps one automatic version per ten minutes of activity. */
  noteActivity(boardId: string, content: () => BoardContent): void {
    const now = this.now()
    const last = this.lastAutoAt.get(boardId)
    if (last !== undefined && now - last < AUTO_VERSION_INTERVAL_MS) return
    this.lastAutoAt.set(boardId, now)
    // Read now: the room may unload before the stored time of the last version is known.
    const storing = this.autoVersionIfDue(boardId, now, last, content())
      .catch((error: unknown) => this.logger.error({ boardId, err: error }, 'automatic version failed'))
      .finally(() => {
        if (this.storing.get(boardId) === storing) this.storing.delete(boardId)
      })
    this.storing.set(boardId, storing)
  }

  /**
   * Resolves once an automatic version under way for the board is stored:
   * one read before a person was taken off the board, or before it was
   * deleted, must not land after that.
   */
  async whenStored(boardId: string): Promise<void> {
    await this.storing.get(boardId)
  }

  private async autoVersionIfDue(boardId: string, now: number, last: number | undefined, content: BoardContent): Promise<void> {
    if (last === undefined) {
      const stored = await this.versions.latestAutoVersionAt(boardId)
      if (stored && now - Date.parse(stored) < AUTO_VERSION_INTERVAL_MS) {
        this.lastAutoAt.set(boardId, Date.parse(stored))
        return
      }
    }
    await this.store(boardId, 'Automatisch', 'auto', content)
  }

  private async store(boardId: string, name: string, kind: BoardVersionInfo['kind'], content: BoardContent): Promise<BoardVersionInfo> {
    const info: BoardVersionInfo = { id: newId(), boardId, name, kind, createdAt: new Date(this.now()).toISOString() }
    await this.versions.storeVersion({ ...info, content: JSON.stringify(content) })
    this.onStored(boardId)
    return info
  }
}
