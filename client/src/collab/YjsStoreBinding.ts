import type { RecordsDiff, SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { LOCAL_ORIGIN, openMeta, openRecords, SCHEMA_META_KEY, type RecordChange } from './boardDocument.ts'
import { compareBoardSchema } from './boardSchema.ts'

/** For a store fed by two documents (the board and one's private notes): which records this binding writes and keeps. */
export interface RecordOwnership {
  /** Whether a local change of this record goes to this binding's document. */
  owns(record: TLRecord): boolean
  /** Whether a record this document deleted stays in the store, because the other document holds it now. */
  keepsOnRemoteDelete(id: string): boolean
}

const OWNS_EVERYTHING: RecordOwnership = { owns: () => true, keepsOnRemoteDelete: () => false }

export type BoardAccess = { mode: 'readwrite' } | { mode: 'readonly'; reason: 'newer-schema'; detail: string }

/**
 * Keeps a tldraw store and a board's Y.Doc in step. Local user edits go to
 * Yjs in one transaction per store change; remote changes enter the store
 * through `mergeRemoteChanges`, so tldraw's undo only undoes the user's own
 * edits. Every record from the Y.Doc is validated before it enters the store.
 */
export class YjsStoreBinding {
  readonly access: BoardAccess
  private readonly records: YKeyValue<unknown>
  private readonly meta: Y.Map<unknown>
  private invalidRecords = 0
  private readonly unsubscribers: Array<() => void> = []

  constructor(
    private readonly store: TLStore,
    private readonly doc: Y.Doc,
    private readonly ownership: RecordOwnership = OWNS_EVERYTHING,
  ) {
    this.records = openRecords(doc)
    this.meta = openMeta(doc)
    const comparison = compareBoardSchema(store, this.meta.get(SCHEMA_META_KEY))
    if (comparison.kind === 'newer') {
      this.access = { mode: 'readonly', reason: 'newer-schema', detail: comparison.reason }
      this.loadInitialRecords(null)
    } else {
      this.access = { mode: 'readwrite' }
      // Listen before loading: what tldraw adds to make the loaded board usable (document, first page)
      // comes as a user change right after the load, and a later listener would never hear of it.
      this.unsubscribers.push(this.store.listen(({ changes }) => this.handleLocalChanges(changes), { source: 'user', scope: 'document' }))
      const migrated = this.loadInitialRecords(comparison.kind === 'older' ? comparison.persisted : null)
      this.writeMigratedRecords(migrated)
    }
    this.records.on('change', this.handleRemoteChanges)
    this.unsubscribers.push(() => this.records.off('change', this.handleRemoteChanges))
  }

  /** How many records from the network were skipped as invalid since binding. */
  get invalidRecordCount(): number {
    return this.invalidRecords
  }

  holds(id: string): boolean {
    return this.records.has(id)
  }

  destroy(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe()
  }

  /** Loads what the Y.Doc holds; returns the records that had to be migrated, so they can be written back. */
  private loadInitialRecords(persisted: SerializedSchema | null): TLRecord[] {
    const valid: TLRecord[] = []
    const migrated: TLRecord[] = []
    for (const [key, entry] of this.records.map) {
      const upgraded = persisted ? this.migrate(key, entry.val, persisted) : entry.val
      if (upgraded === null) continue
      const record = this.validate(key, upgraded, null)
      if (!record) continue
      valid.push(record)
      if (JSON.stringify(upgraded) !== JSON.stringify(entry.val)) migrated.push(record)
    }
    // An empty board is left to the caller and the editor to set up, so they can name its first page.
    if (valid.length > 0) {
      this.store.mergeRemoteChanges(() => {
        this.store.put(valid, 'initialize')
      })
    }
    return migrated
  }

  private writeMigratedRecords(migrated: TLRecord[]): void {
    const current = this.store.schema.serialize()
    const stored = this.meta.get(SCHEMA_META_KEY)
    if (migrated.length === 0 && JSON.stringify(stored) === JSON.stringify(current)) return
    this.doc.transact(() => {
      for (const record of migrated) this.records.set(record.id, record)
      this.meta.set(SCHEMA_META_KEY, current)
    }, LOCAL_ORIGIN)
  }

  private migrate(key: string, value: unknown, persisted: SerializedSchema): unknown {
    if (!isRecordLike(value)) return this.reject(key, 'not a record')
    const result = this.store.schema.migratePersistedRecord(structuredClone(value) as TLRecord, persisted, 'up')
    if (result.type === 'error') return this.reject(key, `migration failed: ${result.reason}`)
    return result.value
  }

  private validate(key: string, value: unknown, before: TLRecord | null): TLRecord | null {
    if (!isRecordLike(value)) return this.reject(key, 'not a record')
    if (value.id !== key) return this.reject(key, 'its id does not match its key')
    const type = (this.store.schema.types as Record<string, { scope: string } | undefined>)[value.typeName]
    // Session and presence records are each client's own; a peer must not be able to set ours.
    if (type?.scope !== 'document') return this.reject(key, `not a document record (${value.typeName})`)
    try {
      return this.store.schema.validateRecord(this.store, value as TLRecord, before ? 'updateRecord' : 'createRecord', before)
    } catch (error) {
      return this.reject(key, error instanceof Error ? error.message : String(error))
    }
  }

  private reject(key: string, problem: string): null {
    this.invalidRecords += 1
    console.warn(`Ideenschmiede: skipped an invalid board record "${key}": ${problem}`)
    return null
  }

  private handleLocalChanges(changes: RecordsDiff<TLRecord>): void {
    this.doc.transact(() => {
      for (const record of Object.values(changes.added)) if (this.ownership.owns(record)) this.records.set(record.id, record)
      for (const [, to] of Object.values(changes.updated)) if (this.ownership.owns(to)) this.records.set(to.id, to)
      for (const record of Object.values(changes.removed)) if (this.ownership.owns(record)) this.records.delete(record.id)
    }, LOCAL_ORIGIN)
  }

  private readonly handleRemoteChanges = (changes: Map<string, RecordChange>, transaction: Y.Transaction): void => {
    if (transaction.origin === LOCAL_ORIGIN) return
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    for (const [key, change] of changes) {
      if (change.action === 'delete') {
        if (this.ownership.keepsOnRemoteDelete(key)) continue
        const existing = this.store.get(key as TLRecord['id'])
        if (existing && isDocumentRecord(this.store, existing)) toRemove.push(existing.id)
        continue
      }
      const before = this.store.get(key as TLRecord['id']) ?? null
      const record = this.validate(key, change.newValue, before)
      if (record) toPut.push(record)
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    this.store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) this.store.remove(toRemove)
      if (toPut.length > 0) this.store.put(toPut)
    })
  }
}

function isRecordLike(value: unknown): value is { id: string; typeName: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { typeName?: unknown }).typeName === 'string'
  )
}

function isDocumentRecord(store: TLStore, record: TLRecord): boolean {
  return (store.schema.types as Record<string, { scope: string } | undefined>)[record.typeName]?.scope === 'document'
}
