/**
 * Turns a board's raw records into boxes for a thumbnail: page position
 * (parents' offsets added up), size and colour. A thumbnail is a glance at
 * what a group is doing, so rotation, text and freehand strokes are left out.
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

/** Boxes of the shapes on the board's first page, in drawing order. */
export function thumbnailBoxes(records: Iterable<unknown>): ThumbnailBox[] {
  const shapes = new Map<string, RawShape>()
  const pages: Array<{ id: string; index: string }> = []
  for (const record of records) {
    if (isRawShape(record)) shapes.set(record.id, record)
    const page = record as { typeName?: unknown; id?: unknown; index?: unknown }
    if (page?.typeName === 'page' && typeof page.id === 'string') pages.push({ id: page.id, index: String(page.index ?? '') })
  }
  pages.sort((a, b) => (a.index < b.index ? -1 : 1))
  const firstPage = pages[0]?.id ?? 'page:page'

  const origin = (shape: RawShape, depth = 0): { x: number; y: number; page: string } => {
    const parent = shapes.get(shape.parentId)
    if (!parent || depth > 50) return { x: shape.x, y: shape.y, page: shape.parentId }
    const at = origin(parent, depth + 1)
    return { x: at.x + shape.x, y: at.y + shape.y, page: at.page }
  }

  const boxes: ThumbnailBox[] = []
  for (const shape of [...shapes.values()].sort((a, b) => (a.index < b.index ? -1 : 1))) {
    const at = origin(shape)
    if (at.page !== firstPage) continue
    const props = shape.props
    const scale = num(props.scale, 1)
    const kind = shape.type === 'frame' || shape.type === 'note' || shape.type === 'geo' || shape.type === 'image' ? shape.type : 'other'
    const w = kind === 'note' ? NOTE_SIZE * scale : num(props.w, 0) * (kind === 'other' ? scale : 1)
    const h = kind === 'note' ? (NOTE_SIZE + num(props.growY, 0)) * scale : num(props.h, 0) + num(props.growY, 0)
    if (w <= 0 || h <= 0) continue
    boxes.push({
      id: shape.id,
      kind,
      x: at.x,
      y: at.y,
      w,
      h,
      color: COLORS[String(props.color ?? 'black')] ?? COLORS.black ?? '#1d1d1d',
      label: kind === 'frame' ? String(props.name ?? '') : '',
    })
  }
  return boxes
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
