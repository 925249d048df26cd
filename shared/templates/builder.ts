import {
  createShapeId,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  toRichText,
  type TLDefaultColorStyle,
  type TLDefaultSizeStyle,
  type TLFrameShape,
  type TLGeoShape,
  type TLParentId,
  type TLRecord,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { SIDE_INFO, SIDES } from '../sides.ts'
import type { Localized, TemplateLanguage } from './types.ts'

/**
 * The id tldraw gives a store's first page. The board client creates a page
 * with this id when it finds none, so a seeded board and a client agree.
 */
export const FIRST_PAGE_ID = PageRecordType.createId('page')

/** Same words as the client's `board.firstPageName`. */
const FIRST_PAGE_NAME: Localized = { de: 'Seite 1', en: 'Page 1' }

/** Template chrome is set in a plain font: it is read from the back of the room, notes keep tldraw's hand-drawn look. */
const FONT = 'sans'

interface Placement {
  x: number
  y: number
  /** A frame the shape sits in; x and y are then relative to the frame, as tldraw stores them. */
  parent?: TLShapeId
}

export interface GridOptions {
  top: number
  columns: number
  width: number
  height: number
  gap: number
}

/**
 * Collects the document-scope records of a fresh board: the document, one
 * page, and shapes added in drawing order. Shape ids derive from readable
 * keys ("shape:frame-ideen"), so a template's layout is stable across boards.
 * Only props tldraw requires are written; tldraw fills in sizes it measures
 * (e.g. auto-sized text) when the board is first shown.
 */
export class BoardBuilder {
  private readonly collected: TLRecord[]
  private readonly usedKeys = new Set<string>()
  private lastIndex: IndexKey | null = null

  constructor(readonly language: TemplateLanguage) {
    this.collected = [
      DocumentRecordType.create({ id: TLDOCUMENT_ID }),
      PageRecordType.create({ id: FIRST_PAGE_ID, name: FIRST_PAGE_NAME[language], index: getIndexAbove(null) }),
    ]
  }

  /** The text in the board's language. */
  t(text: Localized): string {
    return text[this.language]
  }

  records(): TLRecord[] {
    return [...this.collected]
  }

  frame(key: string, at: Placement & { w: number; h: number; name: string }): TLShapeId {
    return this.add<TLFrameShape>(key, 'frame', at, { w: at.w, h: at.h, name: at.name, color: 'black' })
  }

  /** Text that wraps at `w`; without `w` it grows with its content, for one-line titles. */
  text(key: string, at: Placement & { text: string; size: TLDefaultSizeStyle; w?: number }): TLShapeId {
    return this.add<TLTextShape>(key, 'text', at, {
      color: 'black',
      size: at.size,
      font: FONT,
      textAlign: 'start',
      // tldraw measures auto-sized text itself; 8 is its own default width.
      w: at.w ?? 8,
      richText: toRichText(at.text),
      scale: 1,
      autoSize: at.w === undefined,
    })
  }

  /** A filled rectangle with a label: legends, and fields a person fills in. */
  box(key: string, at: Placement & { w: number; h: number; text: string; color: TLDefaultColorStyle; align: 'start' | 'middle' }): TLShapeId {
    return this.add<TLGeoShape>(key, 'geo', at, {
      geo: 'rectangle',
      dash: 'solid',
      url: '',
      w: at.w,
      h: at.h,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: at.color,
      fill: 'solid',
      size: 'm',
      font: FONT,
      align: at.align,
      verticalAlign: at.align,
      richText: toRichText(at.text),
    })
  }

  /** A title and a short how-to below it; returns where the content below may start, leaving room for a legend beside the how-to. */
  heading(title: Localized, intro: Localized): number {
    this.text('title', { x: 0, y: 0, text: this.t(title), size: 'xl' })
    this.text('intro', { x: 0, y: 100, text: this.t(intro), size: 'm', w: 1200 })
    return 480
  }

  /** Which colour belongs to which side, each with its letter, so nothing depends on colour alone. */
  sideLegend(x: number, y: number): void {
    this.text('legend-title', { x, y, text: this.t({ de: 'Farben der Seiten', en: 'Colours by side' }), size: 'm' })
    SIDES.forEach((side, row) => {
      const info = SIDE_INFO[side]
      this.box(`legend-${side}`, {
        x,
        y: y + 60 + row * 80,
        w: 320,
        h: 64,
        text: `${info.letter} · ${this.t(info.label)}`,
        color: info.color,
        align: 'middle',
      })
    })
  }

  /**
   * Frames in reading order, left to right, then top to bottom. Returns each
   * item with its frame's id, so a template can fill the frame with what
   * belongs to it.
   */
  frameGrid<T extends { key: string; name: string }>(frames: readonly T[], grid: GridOptions): Array<T & { id: TLShapeId }> {
    return frames.map((frame, i) => ({
      ...frame,
      id: this.frame(frame.key, {
        x: (i % grid.columns) * (grid.width + grid.gap),
        y: grid.top + Math.floor(i / grid.columns) * (grid.height + grid.gap),
        w: grid.width,
        h: grid.height,
        name: frame.name,
      }),
    }))
  }

  private add<S extends TLShape>(key: string, type: S['type'], at: Placement, props: S['props']): TLShapeId {
    if (this.usedKeys.has(key)) throw new Error(`template shape key "${key}" is used twice`)
    this.usedKeys.add(key)
    const id = createShapeId(key)
    this.lastIndex = getIndexAbove(this.lastIndex)
    const parentId: TLParentId = at.parent ?? FIRST_PAGE_ID
    const shape = {
      id,
      typeName: 'shape',
      type,
      x: at.x,
      y: at.y,
      rotation: 0,
      index: this.lastIndex,
      parentId,
      isLocked: false,
      opacity: 1,
      meta: {},
      props,
    } as S
    this.collected.push(shape)
    return id
  }
}
