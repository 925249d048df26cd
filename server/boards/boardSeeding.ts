import type { TLRecord } from '@tldraw/tlschema'
import { getIndexAbove } from '@tldraw/utils'
import { randomBytes } from 'node:crypto'
import type { TemplateId } from '../../shared/api.ts'
import { writeBoardRecords } from '../../shared/boardDocument.ts'
import type { PublicProfile } from '../../shared/profileCard.ts'
import { profileShapeMeta, type ProfileField } from '../../shared/profileShapes.ts'
import { SIDE_INFO } from '../../shared/sides.ts'
import { BoardBuilder } from '../../shared/templates/builder.ts'
import { buildTemplateRecords, seedBoardDoc, type TemplateLanguage } from '../../shared/templates/index.ts'
import type { BoardDocuments } from './BoardDocuments.ts'
import { highestIndex, readShapes } from './shapeRecords.ts'
import { TLDRAW_SCHEMA } from './tldrawRecords.ts'

/** A new board gets its template once, at creation, through its room: stored before anyone sees it, never re-seeded on load. */
export async function seedTemplate(documents: BoardDocuments, boardId: string, templateId: TemplateId, language: TemplateLanguage): Promise<void> {
  const records = buildTemplateRecords(templateId, { language })
  await documents.change(boardId, (doc) => seedBoardDoc(doc, records, TLDRAW_SCHEMA.serialize()))
}

/** A person's profile card as the server draws it onto boards. */
export interface PersonCard {
  personId: string
  card: PublicProfile
}

/** Marks the shapes drawn from someone's card (by their id) as theirs, so they can be anonymised later. */
function markProfileShapes(records: readonly TLRecord[], owners: ReadonlyMap<string, { personId: string; field: ProfileField }>): TLRecord[] {
  return records.map((record) => {
    const owner = owners.get(record.id)
    return owner && record.typeName === 'shape' ? { ...record, meta: { ...record.meta, ...profileShapeMeta(owner.personId, owner.field) } } : record
  })
}

/** A speed-dating table: both profile cards side by side and a shared area for notes. */
export async function seedPairBoard(documents: BoardDocuments, boardId: string, people: readonly PersonCard[], language: TemplateLanguage): Promise<void> {
  const board = new BoardBuilder(language)
  board.text('title', { x: 0, y: 0, size: 'xl', text: board.t({ de: 'Speeddating', en: 'Speed dating' }) })
  const owners = new Map<string, { personId: string; field: ProfileField }>()
  people.forEach(({ personId, card }, i) => {
    const side = SIDE_INFO[card.side]
    const frame = board.frame(`card-${i + 1}`, { x: i * 640, y: 120, w: 600, h: 560, name: `${side.letter} · ${card.name}` })
    const lines = [
      card.organisation,
      `${board.t(side.label)}`,
      card.tags.length > 0 ? card.tags.map((tag) => `#${tag}`).join(' ') : '',
    ].filter(Boolean)
    const name = board.text(`card-${i + 1}-name`, { x: 32, y: 32, size: 'l', text: card.name, parent: frame })
    const about = board.text(`card-${i + 1}-about`, { x: 32, y: 100, size: 's', w: 536, text: lines.join('\n'), parent: frame })
    const offer = board.box(`card-${i + 1}-offer`, { x: 32, y: 200, w: 536, h: 150, color: side.color, align: 'start', parent: frame, text: `${board.t({ de: 'Was ich anbiete', en: 'What I offer' })}: ${card.offer}` })
    const seek = board.box(`card-${i + 1}-seek`, { x: 32, y: 380, w: 536, h: 150, color: 'grey', align: 'start', parent: frame, text: `${board.t({ de: 'Was ich suche', en: 'What I am looking for' })}: ${card.seek}` })
    owners.set(frame, { personId, field: 'name' })
    owners.set(name, { personId, field: 'name' })
    for (const details of [about, offer, seek]) owners.set(details, { personId, field: 'details' })
  })
  board.frame('notes', { x: 0, y: 740, w: Math.max(1, people.length) * 640 - 40, h: 520, name: board.t({ de: 'Gemeinsame Notizen', en: 'Shared notes' }) })
  const records = markProfileShapes(board.records(), owners)
  await documents.change(boardId, (doc) => seedBoardDoc(doc, records, TLDRAW_SCHEMA.serialize()))
}

/** Shapes of the Pitch template's first frame that show the pitcher's card. */
const PITCH_PROFILE_FIELDS = new Map<string, ProfileField>([
  ['shape:pitch-1', 'name'],
  ['shape:pitch-1-name', 'name'],
  ['shape:pitch-1-offer', 'details'],
  ['shape:pitch-1-seek', 'details'],
])

/**
 * Finds each pitcher's frame on a pitch board (a top-level frame named like
 * them, e.g. prepared before the event with their slides in it) or adds one
 * from the Pitch template to the right of what is there.
 */
export async function ensurePitchFrames(documents: BoardDocuments, boardId: string, pitchers: readonly PersonCard[], language: TemplateLanguage): Promise<Map<string, string>> {
  const frames = new Map<string, string>()
  await documents.change(boardId, (doc) => {
    const shapes = readShapes(doc)
    const byName = new Map(shapes.filter((s) => s.type === 'frame' && !s.parentId.startsWith('shape:')).map((s) => [normalise(String(s.props.name ?? '')), s.id]))
    const pageId = shapes.find((s) => s.parentId.startsWith('page:'))?.parentId ?? 'page:page'
    let right = shapes.reduce((max, s) => Math.max(max, s.x + (typeof s.props.w === 'number' ? s.props.w : 0)), 0)
    let index = highestIndex(shapes)
    const added: TLRecord[] = []
    for (const { personId: id, card } of pitchers) {
      const existing = byName.get(normalise(card.name))
      if (existing) {
        frames.set(id, existing)
        continue
      }
      const template = buildTemplateRecords('pitch', { language, pitchers: [{ name: card.name, offer: card.offer, seek: card.seek }] })
      const rename = new Map<string, string>()
      const subtree = template.filter((r) => r.typeName === 'shape' && (r.id === 'shape:pitch-1' || r.id.startsWith('shape:pitch-1-')))
      for (const record of subtree) rename.set(record.id, `shape:${randomBytes(12).toString('base64url')}`)
      for (const record of subtree) {
        if (record.typeName !== 'shape') continue
        index = getIndexAbove(index)
        const isFrame = record.id === 'shape:pitch-1'
        const field = PITCH_PROFILE_FIELDS.get(record.id)
        added.push({
          ...record,
          meta: field ? { ...record.meta, ...profileShapeMeta(id, field) } : record.meta,
          id: rename.get(record.id) as typeof record.id,
          parentId: (isFrame ? pageId : rename.get(record.parentId)) as typeof record.parentId,
          x: isFrame ? right + 100 : record.x,
          y: isFrame ? 480 : record.y,
          index,
        })
      }
      frames.set(id, rename.get('shape:pitch-1') ?? '')
      right += 100 + 720
    }
    if (added.length > 0) writeBoardRecords(doc, { set: added })
  })
  return frames
}

function normalise(name: string): string {
  return name.trim().toLocaleLowerCase('de')
}
