import {
  atom,
  computed,
  createTLStore,
  defaultAssetUtils,
  defaultBindingUtils,
  defaultShapeUtils,
  getIndexAbove,
  PageRecordType,
  react,
  type Signal,
  type TLAssetStore,
  type TLStore,
  type TLUser,
} from 'tldraw'
import * as Y from 'yjs'
import { openRecords } from './boardDocument.ts'
import { BoardConnection } from './BoardConnection.ts'
import { takeBoardConnection } from './earlyBoardConnection.ts'
import { bindPresence } from './presence.ts'
import { PrivateNoteRouting } from './PrivateNoteRouting.ts'
import { YjsStoreBinding, type BoardAccess } from './YjsStoreBinding.ts'

/** How long an empty local copy waits for the server before the board opens anyway (e.g. a captive portal that never answers). */
const FIRST_SYNC_WAIT_MS = 5_000

export interface OpenBoardOptions {
  boardId: string
  token: string | null
  assets: TLAssetStore
  user: Signal<TLUser | null>
  /** Name of the first page of a new board, in the language of whoever creates it. */
  firstPageName: string
}

/** One open board: what the editor needs (a store) and what the app shows around it. */
export interface OpenBoard {
  readonly store: TLStore
  readonly connection: BoardConnection
  readonly access: BoardAccess
  /** Where local edits go while this person also has private notes on the board (a silent round). */
  readonly routing: PrivateNoteRouting
  /** Marks our cursor as the facilitator's once the event says so (it loads after the board). */
  showAsFacilitator(isFacilitator: boolean): void
  destroy(): void
}

/**
 * Opens a board from this device's copy first and the server second, so a
 * participant without a connection still gets a working canvas. Only a
 * device that has never seen the board waits (briefly) for the server,
 * rather than starting an empty board of its own.
 */
export async function openBoard({ boardId, token, assets, user, firstPageName }: OpenBoardOptions): Promise<OpenBoard> {
  const { doc, connection } = takeBoardConnection(boardId, token) ?? connectBoard(boardId, token)
  try {
    await connection.whenLocalLoaded()
    if (openRecords(doc).map.size === 0) await waitForServerOrOffline(connection)
  } catch (error) {
    connection.destroy()
    doc.destroy()
    throw error
  }

  const $mode = atom<'readonly' | 'readwrite'>('board mode', 'readwrite')
  const store = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    assetUtils: defaultAssetUtils,
    assets,
    users: { currentUser: user },
    collaboration: {
      status: computed('collaboration status', () => (connection.state.get() === 'online' ? 'online' : 'offline')),
      mode: $mode,
    },
  })
  const routing = new PrivateNoteRouting()
  const binding = new YjsStoreBinding(store, doc, routing.boardSide)
  routing.attachBoard(binding)
  $mode.set(binding.access.mode)
  // tldraw would create "Page 1" in English; the fixed id is the one tldraw uses, so concurrent creators agree.
  if (binding.access.mode === 'readwrite' && store.query.ids('page').get().size === 0) {
    store.put([PageRecordType.create({ id: PageRecordType.createId('page'), name: firstPageName, index: getIndexAbove(null) })])
  }
  const $facilitator = atom('shown as facilitator', false)
  const stopPresence = bindPresence({ store, awareness: connection.provider.awareness, user, facilitator: $facilitator })

  return {
    store,
    connection,
    access: binding.access,
    routing,
    showAsFacilitator: (isFacilitator) => {
      $facilitator.set(isFacilitator)
    },
    destroy: () => {
      stopPresence()
      binding.destroy()
      connection.destroy()
      doc.destroy()
    },
  }
}

function connectBoard(boardId: string, token: string | null): { doc: Y.Doc; connection: BoardConnection } {
  const doc = new Y.Doc()
  return { doc, connection: new BoardConnection(boardId, doc, { token }) }
}

function waitForServerOrOffline(connection: BoardConnection): Promise<void> {
  return new Promise((resolve) => {
    let stop: (() => void) | null = null
    const finish = (): void => {
      clearTimeout(timer)
      stop?.()
      resolve()
    }
    const timer = setTimeout(finish, FIRST_SYNC_WAIT_MS)
    stop = react('wait for first sync', () => {
      const state = connection.state.get()
      if (connection.serverSynced.get() || state === 'offline' || state === 'refused') queueMicrotask(finish)
    })
  })
}
