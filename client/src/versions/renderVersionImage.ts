import {
  createTLStore,
  defaultAddFontsFromNode,
  defaultBindingUtils,
  defaultShapeUtils,
  Editor,
  tipTapDefaultExtensions,
  type SerializedSchema,
  type TLAssetStore,
  type TLRecord,
} from 'tldraw'
import type { VersionContent } from '../../../shared/boardVersions.ts'
import { ASSET_URLS } from '../board/assetUrls.ts'

export type VersionImage = { kind: 'empty' } | { kind: 'image'; blob: Blob; width: number; height: number }

interface RenderOptions {
  /** An element in the document: the editor measures text in it. */
  container: HTMLElement
  /** Resolves the board's uploaded images, as on the board itself. */
  assets: TLAssetStore
  licenseKey: string | null
}

/** Preview size: enough for a dialog on a projector, small enough to render fast on a phone. */
const PREVIEW_SCALE = 1
const PREVIEW_PADDING_PX = 32

function hasId(record: unknown): record is { id: string } {
  return typeof record === 'object' && record !== null && typeof (record as { id?: unknown }).id === 'string'
}

/**
 * A version's first page as an SVG, drawn by tldraw itself (text, colours,
 * arrows) but from a store of its own: the live board stays untouched, and
 * nothing here can be edited. Throws when the version cannot be read (a
 * newer schema, an invalid record).
 */
export async function renderVersionImage(content: VersionContent, { container, assets, licenseKey }: RenderOptions): Promise<VersionImage> {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils, assets })
  // loadStoreSnapshot migrates the records from the schema they were written with and validates each one as it puts it.
  store.loadStoreSnapshot({
    schema: (content.schema ?? store.schema.serialize()) as SerializedSchema,
    store: Object.fromEntries(content.records.filter(hasId).map((record) => [record.id, record as TLRecord])),
  })
  const editor = new Editor({
    store,
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    tools: [],
    getContainer: () => container,
    licenseKey: licenseKey ?? undefined,
    fontAssetUrls: ASSET_URLS.fonts,
    // The same rich text setup as the board's editor, or notes would render without their text.
    options: { text: { tipTapConfig: { extensions: tipTapDefaultExtensions }, addFontsFromNode: defaultAddFontsFromNode } },
  })
  try {
    const firstPage = editor.getPages()[0]
    if (firstPage) editor.setCurrentPage(firstPage.id)
    const shapeIds = [...editor.getCurrentPageShapeIds()]
    if (shapeIds.length === 0) return { kind: 'empty' }
    const image = await editor.toImage(shapeIds, { format: 'svg', background: true, padding: PREVIEW_PADDING_PX, scale: PREVIEW_SCALE })
    return { kind: 'image', ...image }
  } finally {
    editor.dispose()
    store.dispose()
  }
}
