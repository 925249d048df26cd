import * as Y from 'yjs'

/**
 * One snapshot holding everything of `parts` (snapshots and updates of one
 * board, in any order). Applied to a document rather than merged as
 * updates: a document drops the content of deleted items (garbage
 * collection), so text deleted from the board does not come back from an
 * older part.
 */
export function mergeSnapshot(parts: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  try {
    for (const part of parts) Y.applyUpdate(doc, part)
    // Parts whose dependencies are not among them stay pending in the document; the encoding keeps them.
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
