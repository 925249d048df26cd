import { atom, type Signal } from '@tldraw/state'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { CloseCode, FINAL_CLOSE_CODES } from '../../../shared/closeCodes.ts'
import { localBoardCopyName } from './localBoardCopies.ts'
import { BACK_ONLINE_SPREAD_MS, ReconnectSchedule } from './reconnectDelay.ts'

/**
 * - `connecting`: trying to reach the server,
 * - `online`: connected; local and server state are exchanged live,
 * - `offline`: no connection; edits are kept locally and sent on reconnect,
 * - `refused`: the server said retrying cannot help (unknown token, no such board),
 * - `full`: the board reached its size limit; this device's last edits were not stored.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused' | 'full'

export interface BoardConnectionOptions {
  token: string | null
  random?: () => number
}

/**
 * The board's Y.Doc kept in two places: IndexedDB on this device (so edits
 * survive a lost connection and a reload) and the server over y-websocket.
 * Reconnecting is ours, not the provider's, to add jitter to its backoff.
 */
export class BoardConnection {
  readonly provider: WebsocketProvider
  readonly persistence: IndexeddbPersistence
  private readonly $state = atom<ConnectionState>('connection state', 'connecting')
  private readonly $serverSynced = atom('synced with server', false)
  private readonly reconnects: ReconnectSchedule
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private destroyed = false
  private readonly random: () => number

  constructor(boardId: string, doc: Y.Doc, options: BoardConnectionOptions) {
    this.random = options.random ?? Math.random
    this.reconnects = new ReconnectSchedule(this.random)
    this.persistence = new IndexeddbPersistence(localBoardCopyName(boardId), doc)
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    this.provider = new WebsocketProvider(`${scheme}://${window.location.host}/yjs`, boardId, doc, {
      connect: false,
      params: options.token ? { token: options.token } : {},
      shouldReconnect: () => false,
    })
    this.provider.on('status', this.handleStatus)
    this.provider.on('sync', this.handleSync)
    this.provider.on('connection-close', this.handleClose)
    window.addEventListener('online', this.handleBrowserOnline)
    window.addEventListener('offline', this.handleBrowserOffline)
    if (navigator.onLine) {
      this.provider.connect()
    } else {
      this.$state.set('offline')
    }
  }

  get state(): Signal<ConnectionState> {
    return this.$state
  }

  /** True once this connection has exchanged state with the server at least once. */
  get serverSynced(): Signal<boolean> {
    return this.$serverSynced
  }

  whenLocalLoaded(): Promise<unknown> {
    return this.persistence.whenSynced
  }

  destroy(): void {
    this.destroyed = true
    this.clearRetry()
    window.removeEventListener('online', this.handleBrowserOnline)
    window.removeEventListener('offline', this.handleBrowserOffline)
    this.provider.off('status', this.handleStatus)
    this.provider.off('sync', this.handleSync)
    this.provider.off('connection-close', this.handleClose)
    this.provider.destroy()
    void this.persistence.destroy()
  }

  private readonly handleStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    if (status === 'connected') this.$state.set('online')
    else if (status === 'connecting' && this.$state.get() !== 'offline') this.$state.set('connecting')
  }

  private readonly handleSync = (synced: boolean): void => {
    if (!synced) return
    this.reconnects.synced()
    this.$serverSynced.set(true)
  }

  private readonly handleClose = (event: CloseEvent | null): void => {
    // The provider would retry on its own after a local or timed-out close; the retry is ours.
    this.provider.shouldConnect = false
    if (this.destroyed) return
    if (event && FINAL_CLOSE_CODES.has(event.code)) {
      this.clearRetry()
      this.$state.set('refused')
      // A deleted board's content must not live on in this browser.
      if (event.code === CloseCode.boardNotFound) void this.persistence.clearData()
      return
    }
    // Reconnecting would send the same refused edits again, and be closed again, without end.
    if (event?.code === CloseCode.boardTooBig) {
      this.clearRetry()
      this.$state.set('full')
      return
    }
    this.$state.set('offline')
    if (!navigator.onLine) return
    this.scheduleConnect(this.reconnects.delayAfterClose(event?.code ?? null))
  }

  private readonly handleBrowserOffline = (): void => {
    this.clearRetry()
    this.provider.disconnect()
    this.$state.set('offline')
  }

  private readonly handleBrowserOnline = (): void => {
    const state = this.$state.get()
    if (state === 'refused' || state === 'full') return
    this.scheduleConnect(Math.round(this.random() * BACK_ONLINE_SPREAD_MS))
  }

  private scheduleConnect(delayMs: number): void {
    this.clearRetry()
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (!this.destroyed) this.provider.connect()
    }, delayMs)
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }
}
