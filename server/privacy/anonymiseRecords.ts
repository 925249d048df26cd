import { toRichText } from '@tldraw/tlschema'
import { ANONYMOUS_NOTE_AUTHOR, NOTE_META_AUTHOR_ID, readNoteAuthorId } from '../../shared/noteMeta.ts'
import { PROFILE_META_PERSON, readProfileShape } from '../../shared/profileShapes.ts'
import { isShapeRecord, type ShapeRecord } from '../boards/shapeRecords.ts'

/** Whose traces leave the board: everyone's (the retention period ran out) or one person's (they deleted their data). */
export type Whom = { everyone: true } | { personId: string }

function concerns(whom: Whom, personId: string): boolean {
  return 'everyone' in whom || whom.personId === personId
}

/**
 * The shapes that change when `whom` is taken off a board: their notes keep
 * the text but name "Teilnehmer:in" as the author, and shapes drawn from
 * their profile card lose the name and the card's details. Records are read
 * leniently (anyone may write a board); what is not ours passes untouched.
 */
export function anonymiseRecords(records: Iterable<unknown>, whom: Whom): ShapeRecord[] {
  const changed: ShapeRecord[] = []
  for (const record of records) {
    if (!isShapeRecord(record)) continue
    const next = anonymiseShape(record, whom)
    if (next) changed.push(next)
  }
  return changed
}

function anonymiseShape(shape: ShapeRecord, whom: Whom): ShapeRecord | null {
  const meta = typeof shape.meta === 'object' && shape.meta !== null ? (shape.meta as Record<string, unknown>) : {}
  const author = readNoteAuthorId(meta)
  if (author !== null && author !== ANONYMOUS_NOTE_AUTHOR && concerns(whom, author)) {
    return { ...shape, meta: { ...meta, [NOTE_META_AUTHOR_ID]: ANONYMOUS_NOTE_AUTHOR } }
  }
  const profile = readProfileShape(meta)
  if (!profile || !concerns(whom, profile.personId)) return null
  const text = profile.field === 'name' ? ANONYMOUS_NOTE_AUTHOR : ''
  // The person id goes too: an anonymised card must not say whose it was.
  const { [PROFILE_META_PERSON]: _person, ...rest } = meta
  const props = shape.type === 'frame' ? { ...shape.props, name: text } : { ...shape.props, richText: toRichText(text) }
  return { ...shape, meta: rest, props }
}
