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

/** tldraw's German calls the sticky note "Hinweis" (a hint); in a workshop it is a Haftnotiz. */
export const WORKSHOP_UI_OVERRIDES: TLUiOverrides = {
  translations: { de: { 'tool.note': 'Haftnotiz' } },
}
