import {
  ArrowToolbarItem,
  AssetToolbarItem,
  DefaultToolbar,
  DiamondToolbarItem,
  DrawToolbarItem,
  EllipseToolbarItem,
  EraserToolbarItem,
  FrameToolbarItem,
  HandToolbarItem,
  HighlightToolbarItem,
  LaserToolbarItem,
  LineToolbarItem,
  NoteToolbarItem,
  RectangleToolbarItem,
  SelectToolbarItem,
  StarToolbarItem,
  TextToolbarItem,
  TriangleToolbarItem,
  type TLUiOverrides,
} from 'tldraw'
import { TLDRAW_GERMAN } from '../i18n/glossary.ts'

/**
 * tldraw's toolbar with the sticky note first: in a workshop most of what
 * people put on a board is notes, and on a phone only the first few tools
 * show without opening the overflow. The shapes a workshop rarely needs
 * (hearts, clouds, check boxes, arrow shapes) are left out.
 */
export function WorkshopToolbar() {
  return (
    <DefaultToolbar>
      <NoteToolbarItem />
      <SelectToolbarItem />
      <HandToolbarItem />
      <DrawToolbarItem />
      <TextToolbarItem />
      <ArrowToolbarItem />
      <AssetToolbarItem />
      <EraserToolbarItem />
      <RectangleToolbarItem />
      <EllipseToolbarItem />
      <TriangleToolbarItem />
      <DiamondToolbarItem />
      <StarToolbarItem />
      <LineToolbarItem />
      <HighlightToolbarItem />
      <FrameToolbarItem />
      <LaserToolbarItem />
    </DefaultToolbar>
  )
}

/**
 * tldraw's German says "Hinweis" (a hint) for the sticky note and keeps some
 * English; the glossary's words go over it. Embeds load other sites, which a
 * venue without internet cannot reach, so the embed actions are gone.
 */
export const WORKSHOP_UI_OVERRIDES: TLUiOverrides = {
  translations: { de: TLDRAW_GERMAN },
  actions(_editor, actions) {
    const { 'insert-embed': _insert, 'convert-to-embed': _convert, ...kept } = actions
    return kept
  },
}
