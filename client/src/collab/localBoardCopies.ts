/**
 * Every board this browser opened keeps a copy in IndexedDB, so edits
 * survive a lost connection and a reload. The copy holds what people wrote,
 * so it goes when the board is deleted or the person deletes their data.
 */
const COPY_PREFIX = 'ideenschmiede-board:'

export function localBoardCopyName(boardId: string): string {
  return `${COPY_PREFIX}${boardId}`
}

/** Deletes every board copy of this browser; resolves when each is gone, or queued behind another tab that still has it open. */
export async function forgetAllBoardCopies(): Promise<void> {
  // indexedDB.databases() is missing only in browsers older than the ones tldraw runs in.
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  const databases = await indexedDB.databases()
  const names = databases.map((database) => database.name).filter((name): name is string => name?.startsWith(COPY_PREFIX) ?? false)
  await Promise.all(names.map(deleteDatabase))
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => {
      console.warn(`Ideenschmiede: could not delete the local copy ${name}`, request.error)
      resolve()
    }
    // Another tab has it open: the browser deletes it once that tab lets go.
    request.onblocked = () => resolve()
  })
}
