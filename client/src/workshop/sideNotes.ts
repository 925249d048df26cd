import type { Editor } from 'tldraw'
import { NOTE_META_AUTHOR_ID, noteAuthorMeta } from '../../../shared/noteMeta.ts'
import { isSide, SIDE_INFO, type Side } from '../../../shared/sides.ts'
import { userProfile } from '../user/userProfile.ts'

/** The side chosen when joining, if this device has one; the profile keeps it beside tldraw's own preferences. */
export function mySide(): Side | null {
  const side: unknown = (userProfile.preferences.get() as unknown as Record<string, unknown>).side
  return isSide(side) ? side : null
}

/**
 * A participant's new sticky notes take the colour of their side and carry
 * who wrote them (read back by the results report). Notes that already name
 * an author (pasted, duplicated, arriving from others) are left as they are.
 */
export function registerSideNotes(editor: Editor, authorId: string): () => void {
  return editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== 'note') return shape
    const side = mySide()
    if (!side || NOTE_META_AUTHOR_ID in shape.meta) return shape
    return {
      ...shape,
      props: { ...shape.props, color: SIDE_INFO[side].color },
      meta: { ...shape.meta, ...noteAuthorMeta({ authorId, authorSide: side }) },
    }
  })
}
