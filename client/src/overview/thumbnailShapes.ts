/**
 * Turns a board's raw records into boxes for a thumbnail: page position
 * (parents' offsets added up, turned with a rotated parent), size and colour.
 * A thumbnail is a glance at what a group is doing, so a shape's own rotation,
 * text and freehand strokes are left out.
 */
export interface ThumbnailBox {
  id: string
  kind: 'frame' | 'note' | 'geo' | 'image' | 'other'
  x: number
  y: number
  w: number
  h: number
  color: string
  label: string
}

interface RawShape {
  id: string
  type: string
  parentId: string
  index: string
  x: number
  y: number
  rotation?: unknown
  props: Record<string, unknown>
}

/** tldraw's named colours, light theme, close enough for a thumbnail. */
const COLORS: Record<string, string> = {
  black: '#1d1d1d',
  grey: '#9fa8b2',
  'light-violet': '#e085f4',
  violet: '#ae3ec9',
  blue: '#4465e9',
  'light-blue': '#4ba1f1',
  yellow: '#f1ac4b',
  orange: '#e16919',
  green: '#099268',
  'light-green': '#4cb05e',
  'light-red': '#f87777',
  red: '#e03131',
  white: '#ffffff',
}

const NOTE_SIZE = 200

function isRawShape(value: unknown): value is RawShape {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return v.typeName === 'shape' && typeof v.id === 'string' && typeof v.parentId === 'string' && typeof v.x === 'number' && typeof v.y === 'number' && typeof v.props === 'object' && v.props !== null
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/** Where a shape's own origin lies on the page, and how far it is turned, once its parents' offsets are added up. */
interface Placement {
  x: number
  y: number
  rotation: number
}

/**
 * Boxes of the shapes on the board's first page, in drawing order. tldraw
 * keeps indices per parent, so the order is the tree's (a frame, then what
 * is inside it): sorted by index alone, a frame's white fill would cover the
 * notes clustered in it.
 */
export function thumbnailBoxes(records: Iterable<unknown>): ThumbnailBox[] {
  const children = new Map<string, RawShape[]>()
  const pages: Array<{ id: string; index: string }> = []
  for (const record of records) {
    if (isRawShape(record)) children.set(record.parentId, [...(children.get(record.parentId) ?? []), record])
    const page = record as { typeName?: unknown; id?: unknown; index?: unknown }
    if (page?.typeName === 'page' && typeof page.id === 'string') pages.push({ id: page.id, index: String(page.index ?? '') })
  }
  pages.sort((a, b) => byIndex(a, b))
  const firstPage = pages[0]?.id ?? 'page:page'

  const boxes: ThumbnailBox[] = []
  // Iterative, and each shape visited once: a hostile document may nest deeply or loop its parents.
  const pending: Array<{ shape: RawShape; parent: Placement }> = []
  const pushChildren = (parentId: string, parent: Placement) => {
    const siblings = [...(children.get(parentId) ?? [])].sort(byIndex)
    for (let i = siblings.length - 1; i >= 0; i--) pending.push({ shape: siblings[i] as RawShape, parent })
  }
  const visited = new Set<string>()
  pushChildren(firstPage, { x: 0, y: 0, rotation: 0 })
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { shape, parent } = next
    if (visited.has(shape.id)) continue
    visited.add(shape.id)
    const cos = Math.cos(parent.rotation)
    const sin = Math.sin(parent.rotation)
    const at: Placement = {
      x: parent.x + shape.x * cos - shape.y * sin,
      y: parent.y + shape.x * sin + shape.y * cos,
      rotation: parent.rotation + num(shape.rotation, 0),
    }
    const box = boxOf(shape, at)
    if (box) boxes.push(box)
    pushChildren(shape.id, at)
  }
  return boxes
}

function byIndex(a: { index: string }, b: { index: string }): number {
  return a.index < b.index ? -1 : a.index > b.index ? 1 : 0
}

/** A shape's axis-aligned box at its page origin: rotation only moves where its children sit. */
function boxOf(shape: RawShape, at: Placement): ThumbnailBox | null {
  const props = shape.props
  const scale = num(props.scale, 1)
  const kind = shape.type === 'frame' || shape.type === 'note' || shape.type === 'geo' || shape.type === 'image' ? shape.type : 'other'
  const w = kind === 'note' ? NOTE_SIZE * scale : num(props.w, 0) * (kind === 'other' ? scale : 1)
  const h = kind === 'note' ? (NOTE_SIZE + num(props.growY, 0)) * scale : num(props.h, 0) + num(props.growY, 0)
  if (w <= 0 || h <= 0) return null
  return {
    id: shape.id,
    kind,
    x: at.x,
    y: at.y,
    w,
    h,
    color: COLORS[String(props.color ?? 'black')] ?? COLORS.black ?? '#1d1d1d',
    label: kind === 'frame' ? String(props.name ?? '') : '',
  }
}

/** Width of an average character of the thumbnail's sans-serif font, as a share of its size (DejaVu Sans and Arial run about 0.55–0.6). */
const CHAR_WIDTH_EM = 0.6

/**
 * A frame's name as it fits over the frame: shortened with an ellipsis
 * where it would run into the name of the frame beside it.
 */
export function fitLabel(label: string, maxWidth: number, fontSize: number): string {
  const fits = Math.floor(maxWidth / (fontSize * CHAR_WIDTH_EM))
  const chars = [...label]
  if (chars.length <= fits) return label
  if (fits < 2) return ''
  return `${chars.slice(0, fits - 1).join('').trimEnd()}…`
}

/** The smallest rectangle around all boxes, with a margin; a default square for an empty board. */
export function contentBounds(boxes: readonly ThumbnailBox[]): { x: number; y: number; w: number; h: number } {
  if (boxes.length === 0) return { x: 0, y: 0, w: 1000, h: 700 }
  const minX = Math.min(...boxes.map((b) => b.x))
  const minY = Math.min(...boxes.map((b) => b.y))
  const maxX = Math.max(...boxes.map((b) => b.x + b.w))
  const maxY = Math.max(...boxes.map((b) => b.y + b.h))
  const margin = Math.max(maxX - minX, maxY - minY) * 0.04
  return { x: minX - margin, y: minY - margin, w: maxX - minX + 2 * margin, h: maxY - minY + 2 * margin }
}
