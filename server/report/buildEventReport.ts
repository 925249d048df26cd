import { z } from 'zod'
import { ANONYMOUS_NOTE_AUTHOR, readNoteAuthorSide } from '../../shared/noteMeta.ts'
import { readProfileShape } from '../../shared/profileShapes.ts'
import type { Side } from '../../shared/sides.ts'
import { richTextToPlainText } from '../../shared/richText.ts'

export interface ReportBoardInput {
  board: { readonly title: string }
  /** The board's records as its Y.Doc holds them. Unvalidated: whatever is not a readable shape is passed over. */
  records: readonly unknown[]
  /** Votes per note shape id once a vote was revealed; null while none was. */
  voteResults: Readonly<Record<string, number>> | null
}

export interface MatchParty {
  readonly name: string
  readonly side: Side | null
}

/** How often two parties chose each other in speed-dating (mutual matches only). */
export interface MatchCount {
  readonly first: MatchParty
  readonly second: MatchParty
  readonly count: number
}

export interface EventReportInput {
  event: { readonly title: string; readonly date?: string | null; readonly place?: string | null }
  boards: readonly ReportBoardInput[]
  /** Given once speed-dating records matches; the report has a section for them only then. */
  matches?: readonly MatchCount[]
}

export interface NoteReport {
  text: string
  side: Side | null
  /** Null when no vote was revealed on the note's board. */
  votes: number | null
}

export interface FrameReport {
  /** The frame's name; a frame inside another is named "Outer › Inner". */
  title: string
  notes: NoteReport[]
}

export interface BoardReport {
  title: string
  votesRevealed: boolean
  /** Frames in reading order, each followed by the frames inside it. */
  frames: FrameReport[]
  notesOutsideFrames: NoteReport[]
}

export interface EventReport {
  event: { title: string; date: string | null; place: string | null }
  boards: BoardReport[]
  matches: MatchCount[] | null
}

/** tldraw shows "Frame" for a frame without a name; the report is German. */
const UNNAMED_FRAME = 'Rahmen ohne Namen'

/** Parents are followed at most this far, so a malformed parent cycle cannot loop. */
const MAX_NESTING = 32

const finite = z.number().refine(Number.isFinite).catch(0)

/** Just what the report reads of a shape; anything else about it may be malformed without harm. */
const shapeSchema = z.object({
  typeName: z.literal('shape'),
  id: z.string(),
  type: z.string(),
  parentId: z.string(),
  x: finite,
  y: finite,
  props: z.record(z.string(), z.unknown()).catch({}),
  meta: z.unknown(),
})
type Shape = z.infer<typeof shapeSchema>

const pageSchema = z.object({ typeName: z.literal('page'), id: z.string(), index: z.string() })

/** Per board: notes grouped by the frame they sit in, best-voted first, then in reading order. */
export function buildEventReport(input: EventReportInput): EventReport {
  return {
    event: { title: input.event.title, date: input.event.date ?? null, place: input.event.place ?? null },
    boards: input.boards.map(buildBoardReport),
    matches: input.matches ? [...input.matches].sort(byCountThenNames) : null,
  }
}

function buildBoardReport({ board, records, voteResults }: ReportBoardInput): BoardReport {
  const shapes = new Map<string, Shape>()
  const pageOrder: Array<{ id: string; index: string }> = []
  for (const value of records) {
    const shape = shapeSchema.safeParse(value)
    if (shape.success) shapes.set(shape.data.id, shape.data)
    const page = pageSchema.safeParse(value)
    if (page.success) pageOrder.push(page.data)
  }
  // Fractional indices order by plain string comparison, as in tldraw.
  pageOrder.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
  const geometry = new BoardGeometry(shapes, new Map(pageOrder.map((page, rank) => [page.id, rank])))

  // Keyed by the enclosing frame's id, null for "on no frame".
  const framesIn = new Map<string | null, Shape[]>()
  const notesIn = new Map<string | null, Shape[]>()
  for (const shape of shapes.values()) {
    const group = shape.type === 'frame' ? framesIn : shape.type === 'note' ? notesIn : null
    if (!group) continue
    const key = geometry.enclosingFrame(shape)?.id ?? null
    const members = group.get(key)
    if (members) members.push(shape)
    else group.set(key, [shape])
  }

  const votesOf = (shape: Shape): number | null => {
    if (!voteResults) return null
    const votes = voteResults[shape.id]
    return typeof votes === 'number' && Number.isFinite(votes) ? votes : 0
  }
  const reportNotes = (notes: Shape[]): NoteReport[] =>
    notes
      .map((shape) => ({ shape, votes: votesOf(shape) }))
      .sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || geometry.compareReadingOrder(a.shape, b.shape))
      .map(({ shape, votes }) => ({ text: noteText(shape), side: readNoteAuthorSide(shape.meta), votes }))

  const frames: FrameReport[] = []
  const addFrames = (parentFrameId: string | null, titlePrefix: string): void => {
    const inner = [...(framesIn.get(parentFrameId) ?? [])].sort((a, b) => geometry.compareReadingOrder(a, b))
    for (const frame of inner) {
      const title = titlePrefix + frameName(frame)
      frames.push({ title, notes: reportNotes(notesIn.get(frame.id) ?? []) })
      addFrames(frame.id, `${title} › `)
    }
  }
  addFrames(null, '')

  return {
    title: board.title,
    votesRevealed: voteResults !== null,
    frames,
    notesOutsideFrames: reportNotes(notesIn.get(null) ?? []),
  }
}

/** Where shapes sit: tldraw stores positions relative to the parent (a page, frame or group). */
class BoardGeometry {
  constructor(
    private readonly shapes: ReadonlyMap<string, Shape>,
    private readonly pageRank: ReadonlyMap<string, number>,
  ) {}

  /** The nearest frame a shape sits in: tldraw reparents a shape dropped into a frame to it. */
  enclosingFrame(shape: Shape): Shape | null {
    return this.ancestors(shape).find((ancestor) => ancestor.type === 'frame') ?? null
  }

  /** Top to bottom, then left to right, on the page; pages in their order. Rotation is ignored: this is for ordering only. */
  compareReadingOrder(a: Shape, b: Shape): number {
    const pa = this.pagePosition(a)
    const pb = this.pagePosition(b)
    return pa.page - pb.page || pa.y - pb.y || pa.x - pb.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  }

  private pagePosition(shape: Shape): { page: number; x: number; y: number } {
    const chain = [shape, ...this.ancestors(shape)]
    const root = chain.at(-1) ?? shape
    return {
      page: this.pageRank.get(root.parentId) ?? this.pageRank.size,
      x: chain.reduce((sum, s) => sum + s.x, 0),
      y: chain.reduce((sum, s) => sum + s.y, 0),
    }
  }

  private ancestors(shape: Shape): Shape[] {
    const found: Shape[] = []
    let parent = this.shapes.get(shape.parentId)
    while (parent && found.length < MAX_NESTING && parent !== shape && !found.includes(parent)) {
      found.push(parent)
      parent = this.shapes.get(parent.parentId)
    }
    return found
  }
}

function frameName(frame: Shape): string {
  // A frame drawn from a profile card carries the person's name; reports name people only in the matches they agreed to.
  if (readProfileShape(frame.meta)) return ANONYMOUS_NOTE_AUTHOR
  const name = frame.props.name
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : UNNAMED_FRAME
}

function noteText(note: Shape): string {
  return richTextToPlainText(note.props.richText).replace(/\r\n?/g, '\n')
}

function byCountThenNames(a: MatchCount, b: MatchCount): number {
  return b.count - a.count || a.first.name.localeCompare(b.first.name, 'de') || a.second.name.localeCompare(b.second.name, 'de')
}
